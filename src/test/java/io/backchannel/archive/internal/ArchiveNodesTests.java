package io.backchannel.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.IntegrationTest;
import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureOutcome;
import io.backchannel.archive.CaptureResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;

/**
 * Two application nodes share one database and one directory of WARC files (the scale-out path): both write at once,
 * in batches and single captures, over file boundaries, and the same items reach both. The chain lock in the database
 * must make one chain of them, each item held once, that verifies.
 */
@IntegrationTest
class ArchiveNodesTests {

    private static final int EACH = 600;
    private static final int SHARED = 200;

    @Autowired
    DataSource testDatabase;

    @TempDir
    Path directory;

    @Test
    void twoNodesWritingOneStoreAtOnceMakeOneChainThatVerifies() throws Exception {
        Path store = directory.resolve("archive");
        Map<String, List<CaptureOutcome.Result>> results = new ConcurrentHashMap<>();
        try (OwnDatabase database = OwnDatabase.create(testDatabase, "archive_nodes");
                StandaloneArchive one = node(database, store, "index-one");
                StandaloneArchive two = node(database, store, "index-two")) {
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> running = new ArrayList<>();
                running.add(threads.submit(() -> batches(one, 0, EACH, results)));
                running.add(threads.submit(() -> batches(two, EACH, 2 * EACH, results)));
                // The same items through both nodes at once, one at a time (group commits).
                running.add(threads.submit(() -> singles(one, results)));
                running.add(threads.submit(() -> singles(two, results)));
                for (Future<?> each : running) {
                    each.get();
                }
            } finally {
                threads.shutdown();
            }

            long items = one.jdbc
                    .sql("select count(*) from archive_item")
                    .query(Long.class)
                    .single();
            assertThat(items).isEqualTo(2L * EACH + SHARED);
            List<Long> positions = one.jdbc
                    .sql("select position from archive_entry order by position")
                    .query(Long.class)
                    .list();
            assertThat(positions)
                    .as("one gapless chain")
                    .isEqualTo(IntStream.rangeClosed(1, (int) items)
                            .mapToObj(Long::valueOf)
                            .toList());
        }
        for (int i = 2 * EACH; i < 2 * EACH + SHARED; i++) {
            assertThat(results.get("bench-" + i))
                    .as("bench-%d, captured by both nodes", i)
                    .containsExactlyInAnyOrder(CaptureOutcome.Result.NEW, CaptureOutcome.Result.ALREADY_HELD);
        }
        assertThat(StoreVerifier.files(store)).hasSizeGreaterThan(5);
        StoreVerifier.Report report = StoreVerifier.verify(store);
        assertThat(report.ok()).as(report.text()).isTrue();
        assertThat(report.records()).isEqualTo(2L * EACH + SHARED);
    }

    @Test
    void afterAnErasureOnOneNodeTheOtherWritesIntoTheFileAsItIsNowAndNoLongerFindsTheErasedText() throws Exception {
        Path store = directory.resolve("archive");
        try (OwnDatabase database = OwnDatabase.create(testDatabase, "archive_erasing_nodes");
                StandaloneArchive one = node(database, store, "index-one");
                StandaloneArchive two = node(database, store, "index-two")) {
            CaptureOutcome erased = one.archive.capture(ArchiveBenchmark.capture(0));
            one.archive.capture(ArchiveBenchmark.capture(1));
            // Node two writes the file anew without the erased content and moves it over the one node one has open.
            two.archive.erase(erased.recordId(), "Request 17", "test");
            CaptureOutcome after = one.archive.capture(ArchiveBenchmark.capture(2));
            two.archive.capture(ArchiveBenchmark.capture(3));

            assertThat(one.records.detail(after.recordId()).orElseThrow().text())
                    .isEqualTo(ArchiveBenchmark.capture(2).text());
            Capture gone = ArchiveBenchmark.capture(0);
            ArchiveIndex.Query words = new ArchiveIndex.Query(
                    gone.text().split(" ")[0], gone.platform(), "", gone.author(), "", "", null, null, 10);
            assertThat(one.records.search(words).rows())
                    .as("node one captured and indexed the record that node two erased")
                    .isEmpty();
            StoreVerifier.Report report = StoreVerifier.verify(store);
            assertThat(report.ok()).as(report.text()).isTrue();
            assertThat(report.records())
                    .isEqualTo(one.jdbc
                            .sql("select count(*) from archive_entry")
                            .query(Long.class)
                            .single());
        }
    }

    /** Small files, so that both nodes roll over to new ones many times while the other writes. */
    private StandaloneArchive node(OwnDatabase database, Path store, String index) throws Exception {
        return new StandaloneArchive(database.url(), store, directory.resolve(index), DataSize.ofKilobytes(64), 50);
    }

    private static void batches(
            StandaloneArchive node, int from, int to, Map<String, List<CaptureOutcome.Result>> results) {
        for (int start = from; start < to; start += 40) {
            List<Capture> captures = IntStream.range(start, Math.min(to, start + 40))
                    .mapToObj(ArchiveBenchmark::capture)
                    .toList();
            List<CaptureResult> written = node.archive.captureAll(captures);
            for (int i = 0; i < captures.size(); i++) {
                record(results, captures.get(i), written.get(i).orThrow());
            }
        }
    }

    private static void singles(StandaloneArchive node, Map<String, List<CaptureOutcome.Result>> results) {
        for (int i = 2 * EACH; i < 2 * EACH + SHARED; i++) {
            Capture capture = ArchiveBenchmark.capture(i);
            record(results, capture, node.archive.capture(capture));
        }
    }

    private static void record(
            Map<String, List<CaptureOutcome.Result>> results, Capture capture, CaptureOutcome outcome) {
        results.computeIfAbsent(capture.sourceId(), id -> Collections.synchronizedList(new ArrayList<>()))
                .add(outcome.result());
    }
}
