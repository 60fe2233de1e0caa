package io.backchannel.archive.internal;

import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureKind;
import io.backchannel.archive.CaptureOutcome;
import io.backchannel.archive.CaptureResult;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.util.unit.DataSize;

/**
 * A process that ingests into a real archive (the archive's own classes, a real PostgreSQL) until it is killed, for
 * {@link ArchiveCrashTests}. Prints {@code ack <source id>} for each capture once it returned, and nothing before.
 *
 * <p>Arguments: JDBC URL, archive directory, {@code ingest} (capture until killed, from four threads of single
 * captures and one of batches) or {@code again <source ids file>} (capture those once more and a few new, then exit).
 */
public final class IngestProcess {

    private IngestProcess() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (StandaloneArchive standalone =
                new StandaloneArchive(args[0], Path.of(args[1]), DataSize.ofKilobytes(64), 25)) {
            out.println("indexed " + standalone.index.count());
            if (args[2].equals("ingest")) {
                ingest(standalone.archive, out);
            } else {
                again(standalone.archive, java.nio.file.Files.readAllLines(Path.of(args[3])), out);
            }
        }
    }

    private static void ingest(Archive archive, PrintStream out) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                while (true) {
                    String id = "single-" + next.incrementAndGet();
                    archive.capture(capture(id));
                    out.println("ack " + id);
                }
            }));
        }
        threads.add(Thread.ofPlatform().start(() -> {
            while (true) {
                List<Capture> batch = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    batch.add(capture("batch-" + next.incrementAndGet()));
                }
                List<CaptureResult> results = archive.captureAll(batch);
                for (int i = 0; i < batch.size(); i++) {
                    results.get(i).orThrow();
                    out.println("ack " + batch.get(i).sourceId());
                }
            }
        }));
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void again(Archive archive, List<String> acknowledged, PrintStream out) {
        List<Capture> batch = new ArrayList<>();
        acknowledged.forEach(id -> batch.add(capture(id)));
        for (int i = 0; i < 20; i++) {
            batch.add(capture("after-" + i));
        }
        List<CaptureResult> results = archive.captureAll(batch);
        for (int i = 0; i < batch.size(); i++) {
            CaptureOutcome outcome = results.get(i).orThrow();
            out.println(outcome.result() + " " + batch.get(i).sourceId());
        }
        out.println("done");
    }

    private static Capture capture(String id) {
        Instant now = Instant.now();
        String text = "Post " + id + " about the spring sale";
        return new Capture(
                "crash",
                id,
                "acme",
                "ACME",
                CaptureKind.OWN_POST,
                "en",
                now,
                null,
                text,
                "text/plain",
                text.getBytes(StandardCharsets.UTF_8),
                "crash test",
                "IngestProcess",
                now,
                "test");
    }
}
