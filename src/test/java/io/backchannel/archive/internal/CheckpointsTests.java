package io.backchannel.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.IntegrationTest;
import io.backchannel.archive.ArchiveIntegrationTest;
import io.backchannel.archive.CaptureOutcome;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every {@code checkpoint-every} records (five here) a checkpoint is signed, beside the writes rather than in them. */
@IntegrationTest
class CheckpointsTests extends ArchiveIntegrationTest {

    @Autowired
    Checkpoints checkpoints;

    @Test
    void writesThatPassAMultipleOfTheIntervalAreSignedSoonAfter() throws Exception {
        CaptureOutcome last = null;
        for (int i = 0; i < settings.checkpointEvery(); i++) {
            last = archive.capture(item("signed-soon-" + marker(), "Filler for a checkpoint " + i));
        }
        // Five positions in a row hold one multiple of five: the checkpoint asked for there, or one after it.
        long boundary = last.position() / settings.checkpointEvery() * settings.checkpointEvery();

        Optional<Checkpoints.Checkpoint> signed = Optional.empty();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)
                && (signed = checkpoints.latest())
                        .filter(c -> c.position() >= boundary)
                        .isEmpty()) {
            Thread.sleep(20);
        }

        assertThat(signed).as("a checkpoint at or after position %d", boundary).isPresent();
        assertThat(signed.get().position()).isGreaterThanOrEqualTo(boundary);
        assertThat(Files.readAllLines(directory().resolve(StoreVerifier.CHECKPOINTS)))
                .contains(signed.get().line());
        assertThat(StoreVerifier.verify(directory()).findings())
                .extracting(StoreVerifier.Finding::problem)
                .doesNotContain(StoreVerifier.Problem.BAD_CHECKPOINT);
    }
}
