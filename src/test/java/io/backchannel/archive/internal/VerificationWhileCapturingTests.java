package io.backchannel.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.archive.ArchiveIntegrationTest;
import io.backchannel.archive.CaptureOutcome;
import io.backchannel.identity.Role;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

/**
 * The verification checks the records acknowledged when it began and lets captures go on meanwhile; started from the
 * page, it runs in the background, one at a time, and shows how far it got.
 */
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
                    () -> verifications.verify(holdAtStart(headSeen, checking, captured)), threads);
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

    @Test
    void aCheckStartedFromThePageRunsInTheBackgroundShowsItsProgressAndRunsOnlyOnceAtATime() throws Exception {
        archive.capture(item("progress-" + marker(), "Checked in the background"));
        MockHttpSession archivist = logIn(Role.ARCHIVIST);
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong headSeen = new AtomicLong();
        assertThat(verifications.start(holdAtStart(headSeen, checking, release)))
                .isTrue();
        try {
            assertThat(checking.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(verifications.start()).isFalse();
            mvc.perform(post("/archive/verify").session(archivist).with(csrf()))
                    .andExpect(redirectedUrl("/archive#verification"))
                    .andExpect(flash().attribute("flash", "archive.verify.running"));

            Element running = verificationPart(archivist);
            assertThat(running.attr("hx-trigger")).isEqualTo("every 1s");
            assertThat(running.select(".verification-running p").text())
                    .isEqualTo("Checking: 0 of " + headSeen.get() + " records read.");
            assertThat(running.select("progress").attr("value")).isEqualTo("0");
            assertThat(running.select("form")).isEmpty();
        } finally {
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> verifications.running().isEmpty());

        Verifications.Verification done = verifications.last().orElseThrow();
        assertThat(done.ok()).as(done.report()).isTrue();
        assertThat(done.records()).isEqualTo(headSeen.get());
        Element finished = verificationPart(archivist);
        assertThat(finished.hasAttr("hx-trigger")).isFalse();
        assertThat(finished.select("[role=status]").text()).contains("Every record and checkpoint verified");
        assertThat(finished.select("form[action$='/archive/verify']")).hasSize(1);
    }

    /** Notes the head the check will end at, says it got there, and holds the check until {@code release} opens. */
    private Runnable holdAtStart(AtomicLong headSeen, CountDownLatch checking, CountDownLatch release) {
        return () -> {
            headSeen.set(head());
            checking.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private Element verificationPart(MockHttpSession session) throws Exception {
        String html = mvc.perform(get("/archive/verification").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return Objects.requireNonNull(Jsoup.parse(html).getElementById("verification"));
    }

    private long head() {
        return jdbc.sql("select max(position) from archive_entry")
                .query(Long.class)
                .single();
    }
}
