package io.backchannel.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.IntegrationTest;
import io.backchannel.archive.ArchiveIntegrationTest;
import io.backchannel.archive.CaptureOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A crash in the middle of a write leaves bytes in the WARC file that no database row names: a half-written record,
 * or a whole one whose row never committed. The next start must cut them off (keeping them aside), so that the next
 * record follows the last acknowledged one and the archive still verifies.
 */
@IntegrationTest
class CrashRecoveryTests extends ArchiveIntegrationTest {

    @Autowired
    Archive writer;

    @Test
    void aHalfWrittenAndAnUnacknowledgedRecordAreCutOffOnStartAndTheArchiveStillVerifies() throws IOException {
        CaptureOutcome acknowledged = archive.capture(item("crash-" + marker(), "Acknowledged before the crash"));
        Placed placed = placed(acknowledged.recordId());
        Path file = directory().resolve(placed.file());
        byte[] record = Arrays.copyOfRange(
                Files.readAllBytes(file), (int) placed.offset(), (int) (placed.offset() + placed.length()));
        // A whole record written and forced, but the process died before its row committed ...
        Files.write(file, record, StandardOpenOption.APPEND);
        // ... and the next one cut off half-way.
        Files.write(file, Arrays.copyOf(record, record.length / 2), StandardOpenOption.APPEND);
        long tailsBefore = tails(placed.file());

        writer.recover();

        assertThat(Files.size(file)).isEqualTo(placed.offset() + placed.length());
        assertThat(tails(placed.file())).isEqualTo(tailsBefore + 1);
        CaptureOutcome next = archive.capture(item("after-crash-" + marker(), "Written after the restart"));
        Placed after = placed(next.recordId());
        assertThat(after.position()).isEqualTo(placed.position() + 1);
        assertThat(after.offset()).isEqualTo(placed.offset() + placed.length());
        StoreVerifier.Report report = StoreVerifier.verify(directory());
        assertThat(report.ok()).as(report.text()).isTrue();
        assertThat(report.lastPosition()).isEqualTo(after.position());
    }

    private long tails(String file) throws IOException {
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(path -> path.getFileName().toString().startsWith(file + ".tail-"))
                    .count();
        }
    }
}
