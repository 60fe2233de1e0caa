package io.backchannel.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.IntegrationTest;
import io.backchannel.TestWords;
import io.backchannel.archive.CaptureOutcome.Result;
import io.backchannel.archive.internal.ArchiveIndex;
import io.backchannel.archive.internal.StoreVerifier;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Batches and concurrent captures: one write for many items, with every guarantee of a single capture (idempotence,
 * versions, refusals named per item, an unbroken chain).
 */
@IntegrationTest
class ArchiveBatchTests extends ArchiveIntegrationTest {

    @Autowired
    ArchiveIndex index;

    @Test
    void aBatchGivesOneResultPerItemInOrderAndRecognisesDuplicatesInsideIt() throws IOException {
        String first = "batch-" + marker();
        String second = "batch-" + marker();
        long entries = entries();

        List<CaptureResult> results = archive.captureAll(List.of(
                item(first, "Spring sale starts Monday"),
                item(second, "Thanks for the feedback"),
                item(first, "Spring sale starts Monday"),
                item(first, "Spring sale starts Tuesday"),
                item(first, "Spring sale starts Monday")));

        List<CaptureOutcome> outcomes =
                results.stream().map(CaptureResult::orThrow).toList();
        assertThat(outcomes)
                .extracting(CaptureOutcome::result)
                .containsExactly(Result.NEW, Result.NEW, Result.ALREADY_HELD, Result.NEW_VERSION, Result.ALREADY_HELD);
        assertThat(outcomes.get(2).recordId()).isEqualTo(outcomes.get(0).recordId());
        assertThat(outcomes.get(4).recordId()).isEqualTo(outcomes.get(0).recordId());
        assertThat(outcomes.get(3).version()).isEqualTo(2);
        assertThat(outcomes.get(1).position()).isEqualTo(outcomes.get(0).position() + 1);
        assertThat(outcomes.get(3).position()).isEqualTo(outcomes.get(1).position() + 1);
        assertThat(entries()).isEqualTo(entries + 3);
        assertThat(refersTo(outcomes.get(3).recordId()))
                .isEqualTo(outcomes.get(0).recordId());
    }

    @Test
    void aBatchRecognisesWhatEarlierCapturesHold() {
        String id = "held-" + marker();
        CaptureOutcome earlier = archive.capture(item(id, "Price: 10 EUR"));
        archive.capture(item(id, "Price: 12 EUR"));

        List<CaptureResult> results = archive.captureAll(List.of(item(id, "Price: 10 EUR"), item(id, "Price: 14 EUR")));

        CaptureOutcome again = results.get(0).orThrow();
        assertThat(again.result()).isEqualTo(Result.ALREADY_HELD);
        assertThat(again.recordId()).isEqualTo(earlier.recordId());
        CaptureOutcome third = results.get(1).orThrow();
        assertThat(third.result()).isEqualTo(Result.NEW_VERSION);
        assertThat(third.version()).isEqualTo(3);
    }

    @Test
    void refusedItemsAreReportedInTheirPlaceAndTheOthersAreKept() throws IOException {
        long entries = entries();
        Capture tooLarge = item("large-" + marker(), "x".repeat(70 * 1024));
        Capture noSource = item(" ", "No source id");

        List<CaptureResult> results = archive.captureAll(List.of(
                item("kept-" + marker(), "Kept before"),
                tooLarge,
                noSource,
                item("kept-" + marker(), "Kept after \u0000 a NUL")));

        assertThat(results.get(0)).isInstanceOf(CaptureResult.Archived.class);
        assertThat(results.get(1))
                .isInstanceOfSatisfying(CaptureResult.Refused.class, refused -> assertThat(refused.messageKey())
                        .isEqualTo("archive.refused.too-large"));
        assertThat(results.get(2))
                .isInstanceOfSatisfying(CaptureResult.Refused.class, refused -> assertThat(refused.messageKey())
                        .isEqualTo("archive.refused.no-source"));
        assertThat(results.get(3)).isInstanceOf(CaptureResult.Archived.class);
        assertThat(entries()).isEqualTo(entries + 2);
        StoreVerifier.Report report = StoreVerifier.verify(directory());
        assertThat(report.ok()).as(report.text()).isTrue();
    }

    @Test
    void rowsHoldWhatWasCapturedAndTimesAsPostgresqlReadsTheirText() {
        String id = "rows-" + marker();
        String text = "Tabs\there, a backslash \\N, newlines\r\n, Grüße \uD83D\uDE00, \"quoted\"";
        List<Instant> times = List.of(
                Instant.parse("2026-03-01T10:00:00.123456500Z"),
                Instant.parse("2026-03-01T10:00:00.123457500Z"),
                Instant.parse("1999-12-31T23:59:59.999999999Z"),
                Instant.parse("1969-07-20T20:17:40.000000501Z"));
        List<Capture> captures = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            Capture plain = item(id + "-" + i, text);
            captures.add(new Capture(
                    plain.platform(),
                    plain.sourceId(),
                    "acme\tsupport",
                    plain.author(),
                    plain.kind(),
                    plain.language(),
                    times.get(i),
                    i == 0 ? null : plain.url(),
                    plain.text(),
                    plain.contentType(),
                    plain.content(),
                    plain.collectedBy(),
                    plain.collectedFrom(),
                    times.get(times.size() - 1 - i),
                    plain.method()));
        }

        List<CaptureOutcome> outcomes = archive.captureAll(captures).stream()
                .map(CaptureResult::orThrow)
                .toList();

        for (int i = 0; i < times.size(); i++) {
            Capture capture = captures.get(i);
            assertThat(jdbc.sql("select text = ? and account = 'acme support' and url is not distinct from ?"
                                    + " and said_at = cast(? as timestamptz) and collected_at = cast(? as timestamptz)"
                                    + " and version = 1 and payload_length = ? and position = ?"
                                    + " from archive_item where id = ?")
                            .params(
                                    text,
                                    capture.url(),
                                    capture.saidAt().toString(),
                                    capture.collectedAt().toString(),
                                    capture.content().length,
                                    outcomes.get(i).position(),
                                    outcomes.get(i).recordId())
                            .query(Boolean.class)
                            .single())
                    .as("row %d", i)
                    .isTrue();
        }
    }

    @Test
    void anEmptyBatchWritesNothing() {
        long entries = entries();

        assertThat(archive.captureAll(List.of())).isEmpty();

        assertThat(entries()).isEqualTo(entries);
    }

    @Test
    void batchCapturedRecordsAreSearchableAtOnce() {
        String word = TestWords.unique();

        archive.captureAll(List.of(
                item("find-" + marker(), "First " + word + " post"), item("find-" + marker(), "Second " + word)));

        assertThat(index.search(new ArchiveIndex.Query(word, "", "", "", "", "", null, null, 10))
                        .total())
                .isEqualTo(2);
    }

    @Test
    void singleCapturesFromManyThreadsAreEachDurableOnceInOneUnbrokenChain() throws Exception {
        String run = marker();
        int threads = 8;
        int each = 40;
        long entries = entries();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<CaptureOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                running.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        // Two threads capture every item, like two connectors hearing the same post.
                        int item = (thread / 2) * each + i;
                        outcomes.add(archive.capture(item("thread-" + run + "-" + item, "Post " + item)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> one : running) {
                one.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        int distinct = threads / 2 * each;
        assertThat(outcomes).hasSize(threads * each);
        assertThat(outcomes.stream().filter(o -> o.result() == Result.NEW)).hasSize(distinct);
        assertThat(outcomes.stream().filter(o -> o.result() == Result.ALREADY_HELD))
                .hasSize(distinct);
        assertThat(outcomes.stream().map(CaptureOutcome::recordId).distinct()).hasSize(distinct);
        assertThat(entries()).isEqualTo(entries + distinct);
        ConcurrentHashMap<Long, UUID> positions = new ConcurrentHashMap<>();
        outcomes.forEach(o -> positions.put(o.position(), o.recordId()));
        assertThat(positions).hasSize(distinct);
        StoreVerifier.Report report = StoreVerifier.verify(directory());
        assertThat(report.ok()).as(report.text()).isTrue();
    }

    private long entries() {
        return jdbc.sql("select count(*) from archive_entry").query(Long.class).single();
    }

    private UUID refersTo(UUID recordId) throws IOException {
        Placed placed = placed(recordId);
        try (var channel = java.nio.channels.FileChannel.open(directory().resolve(placed.file()))) {
            channel.position(placed.offset());
            String header = new org.netpreserve.jwarc.WarcReader(channel)
                    .next()
                    .orElseThrow()
                    .headers()
                    .first("WARC-Refers-To")
                    .orElseThrow();
            return UUID.fromString(header.replaceAll("[<>]", "").replace("urn:uuid:", ""));
        }
    }
}
