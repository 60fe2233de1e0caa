package io.backchannel.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backchannel.IntegrationTest;
import io.backchannel.archive.ArchiveIntegrationTest;
import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureKind;
import io.backchannel.archive.CaptureOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Retention per source erases what is older than its platform's period, except what a case holds. */
@IntegrationTest
class RetentionTests extends ArchiveIntegrationTest {

    @Autowired
    Retention retention;

    @Autowired
    Cases cases;

    @Test
    void contentOlderThanItsPlatformsPeriodIsErasedUnlessACaseHoldsIt() throws java.io.IOException {
        CaptureOutcome old = archive.capture(said("retention-test", 40));
        CaptureOutcome held = archive.capture(said("retention-test", 40));
        CaptureOutcome recent = archive.capture(said("retention-test", 10));
        CaptureOutcome otherPlatform = archive.capture(said("retention-other", 400));
        UUID caseId = cases.create("Hold " + marker(), UUID.randomUUID());
        cases.add(caseId, held.recordId(), UUID.randomUUID());

        assertThat(retention.apply()).isGreaterThanOrEqualTo(1);

        assertThat(erased(old)).isTrue();
        assertThat(erased(held)).isFalse();
        assertThat(erased(recent)).isFalse();
        assertThat(erased(otherPlatform)).isFalse();
        assertThat(StoreVerifier.verify(directory()).ok()).isTrue();
    }

    @Test
    void periodsAreReadInDaysYearsOrAnyDurationAndMalformedOnesAreRefused() {
        assertThat(Retention.parse("x=10y, Mastodon=3650d,,blog=12h"))
                .containsEntry("x", Duration.ofDays(3650))
                .containsEntry("mastodon", Duration.ofDays(3650))
                .containsEntry("blog", Duration.ofHours(12));
        assertThatThrownBy(() -> Retention.parse("x")).hasMessageContaining("platform=period");
    }

    private Capture said(String platform, int daysAgo) {
        Capture capture = item(platform, "r-" + marker(), "acme", "Ann", CaptureKind.OWN_POST, "en", "Old news");
        return new Capture(
                capture.platform(),
                capture.sourceId(),
                capture.account(),
                capture.author(),
                capture.kind(),
                capture.language(),
                Instant.now().minus(daysAgo, ChronoUnit.DAYS),
                capture.url(),
                capture.text(),
                capture.contentType(),
                capture.content(),
                capture.collectedBy(),
                capture.collectedFrom(),
                capture.collectedAt(),
                capture.method());
    }

    private boolean erased(CaptureOutcome outcome) {
        return jdbc.sql("select erased_at is not null from archive_item where id = ?")
                .param(outcome.recordId())
                .query(Boolean.class)
                .single();
    }
}
