package io.backchannel.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.IntegrationTest;
import io.backchannel.archive.ArchiveIntegrationTest;
import io.backchannel.archive.CaptureOutcome;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The scheduled verification checks the records acknowledged when it began and lets captures go on meanwhile. */
@IntegrationTest
class VerificationWhileCapturingTests extends ArchiveIntegrationTest {

    @Autowired
    Verifications verifications;

    @Test
    void captureCompletesWhileAVerificationIsRunningAndTheCheckEndsAtTheHeadItSaw() throws Exception {
        archive.capture(item("before-check-" + marker(), "Written before the check"));
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch captured = new CountDownLatch(1);
        AtomicLong headSeen = new AtomicLong();
        // Threads of the test's own: the shared pool may have a single thread on a small machine.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Verifications.Verification> running = CompletableFuture.supplyAsync(
                    () -> verifications.verify(() -> {
                        headSeen.set(head());
                        checking.countDown();
                        try {
                            captured.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }),
                    threads);
            assertThat(checking.await(30, TimeUnit.SECONDS)).isTrue();

            CaptureOutcome during = CompletableFuture.supplyAsync(
                            () -> archive.capture(item("during-check-" + marker(), "Written while the check runs")),
                            threads)
                    .get(20, TimeUnit.SECONDS);
            captured.countDown();
            Verifications.Verification verification = running.get(60, TimeUnit.SECONDS);

            assertThat(during.result()).isEqualTo(CaptureOutcome.Result.NEW);
            assertThat(during.position()).isGreaterThan(headSeen.get());
            assertThat(verification.ok()).as(verification.report()).isTrue();
            assertThat(verification.records()).isEqualTo(headSeen.get());
            assertThat(verifications.verify().records()).isGreaterThanOrEqualTo(during.position());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void findsAnItemRowThatNamesAnotherRecordThanTheChainHoldsAtItsPosition() {
        CaptureOutcome captured = archive.capture(item("row-check-" + marker(), "A row to tamper with"));
        UUID other = UUID.randomUUID();
        jdbc.sql("update archive_item set id = ? where id = ?")
                .params(other, captured.recordId())
                .update();
        try {
            Verifications.Verification verification = verifications.verify();

            assertThat(verification.ok()).isFalse();
            assertThat(verification.report()).contains("MISSING position " + captured.position() + " archive_item");
        } finally {
            jdbc.sql("update archive_item set id = ? where id = ?")
                    .params(captured.recordId(), other)
                    .update();
        }
        assertThat(verifications.verify().ok()).isTrue();
    }

    private long head() {
        return jdbc.sql("select max(position) from archive_entry")
                .query(Long.class)
                .single();
    }
}
