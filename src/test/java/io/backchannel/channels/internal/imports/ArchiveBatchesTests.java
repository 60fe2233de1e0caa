package io.backchannel.channels.internal.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.IntegrationTest;
import io.backchannel.archive.ArchiveManagement;
import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An import's batches end at their count or at their bytes, whichever comes first, and every item is counted. */
@IntegrationTest
class ArchiveBatchesTests {

    @Autowired
    ArchiveManagement archive;

    static Capture media(int megabytes) {
        String id = "media-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new Capture(
                "x",
                id,
                "acme",
                "acme",
                CaptureKind.OWN_POST,
                "en",
                now,
                null,
                "",
                "image/jpeg",
                new byte[megabytes * 1024 * 1024],
                "test importer",
                "data/tweets_media/" + id + ".jpg",
                now,
                "import");
    }

    @Test
    void largeMediaEndABatchLongBeforeItsCount() {
        var tally = new ImportTally(10);
        var batches = new ArchiveBatches(archive, tally, 200);

        for (int i = 0; i < 3; i++) {
            assertThat(batches.add("tweets_media", media(4))).isFalse();
        }
        assertThat(batches.add("tweets_media", media(4)))
                .as("16 MB fill a batch")
                .isTrue();
        assertThat(batches.add("tweets_media", media(1))).isFalse();
        batches.flush();

        assertThat(tally.total().imported()).isEqualTo(5);
        assertThat(tally.total().rejected()).isZero();
    }
}
