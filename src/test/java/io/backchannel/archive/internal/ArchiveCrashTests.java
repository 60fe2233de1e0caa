package io.backchannel.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.IntegrationTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The reliability promise, tested for real: a separate JVM ingests into an archive (its own database in the
 * test's PostgreSQL, its own directory) from several threads and is killed with SIGKILL in the middle; after a restart
 * on the same store and database every acknowledged record is there exactly once, the store verifies, the search
 * index caught up, and capturing goes on.
 */
@IntegrationTest
class ArchiveCrashTests {

    private static final int ACKNOWLEDGED_BEFORE_KILL = 400;

    @Autowired
    DataSource testDatabase;

    @TempDir
    Path directory;

    @Test
    void aKilledIngestLosesNoAcknowledgedRecordDuplicatesNoneAndStillVerifies() throws Exception {
        String url = freshDatabase();

        Process ingest = start(url, "ingest");
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch enough = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform()
                .start(() -> lines(ingest, line -> {
                    if (line.startsWith("ack ")) {
                        acknowledged.add(line.substring(4));
                        if (acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL) {
                            enough.countDown();
                        }
                    }
                }));
        boolean ingested = enough.await(45, TimeUnit.SECONDS);
        ingest.destroyForcibly();
        assertThat(ingest.waitFor(10, TimeUnit.SECONDS)).isTrue();
        reader.join(5_000);
        assertThat(ingested)
                .as("the ingest acknowledged records before it was killed")
                .isTrue();
        List<String> before = List.copyOf(acknowledged);

        Path ids = directory.resolve("acknowledged.txt");
        Files.write(ids, before);
        Process again = start(url, "again", ids.toString());
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        lines(again, output::add);
        assertThat(again.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).as(String.join("\n", output)).isZero();

        SingleConnectionDataSource crashed = new SingleConnectionDataSource(url, true);
        String user = System.getenv("BACKCHANNEL_DATABASE_USER");
        if (user != null && !user.isBlank()) {
            crashed.setUsername(user);
            crashed.setPassword(System.getenv("BACKCHANNEL_DATABASE_PASSWORD"));
        }
        try {
            JdbcClient jdbc = JdbcClient.create(crashed);
            Map<String, Long> held = jdbc
                    .sql("select source_id, count(*) from archive_item group by source_id")
                    .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .list()
                    .stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(held).containsKeys(before.toArray(String[]::new));
            assertThat(held.values()).allMatch(count -> count == 1);
            long items = jdbc.sql("select count(*) from archive_item")
                    .query(Long.class)
                    .single();
            // The restart indexed what the killed process had not committed to its index.
            assertThat(output).contains("indexed " + (items - 20));
        } finally {
            crashed.destroy();
        }
        Map<String, String> results = output.stream()
                .filter(line -> line.matches("(NEW|NEW_VERSION|ALREADY_HELD) .*"))
                .map(line -> line.split(" ", 2))
                .collect(Collectors.toMap(parts -> parts[1], parts -> parts[0], (a, b) -> a));
        before.forEach(id -> assertThat(results.get(id)).as(id).isEqualTo("ALREADY_HELD"));
        assertThat(results.get("after-0")).isEqualTo("NEW");
        assertThat(output).contains("done");
        StoreVerifier.Report report = StoreVerifier.verify(directory.resolve("archive"));
        assertThat(report.ok()).as(report.text()).isTrue();
        assertThat(report.records()).isGreaterThanOrEqualTo(before.size() + 20L);
    }

    private @Nullable OwnDatabase database;

    @AfterEach
    void dropDatabase() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    private String freshDatabase() throws Exception {
        database = OwnDatabase.create(testDatabase, "archive_crash");
        return database.url();
    }

    private Process start(String url, String... mode) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                IngestProcess.class.getName(),
                url,
                directory.resolve("archive").toString()));
        command.addAll(List.of(mode));
        return new ProcessBuilder(command)
                .redirectError(directory.resolve("stderr-" + mode[0] + ".log").toFile())
                .start();
    }

    private static void lines(Process process, java.util.function.Consumer<String> each) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                each.accept(line);
            }
        } catch (IOException e) {
            // The process was killed while we read.
        }
    }
}
