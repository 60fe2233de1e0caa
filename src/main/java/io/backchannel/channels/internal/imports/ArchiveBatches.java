package io.backchannel.channels.internal.imports;

import io.backchannel.archive.ArchiveManagement;
import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureRefused;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands an import's captures to the archive in batches and counts what became of each. The one place that talks to
 * {@link ArchiveManagement#capture}, so that a batch capture can replace the loop without touching the readers.
 */
final class ArchiveBatches {

    private record Pending(String file, Capture capture) {}

    private final ArchiveManagement archive;
    private final ImportTally tally;
    private final int size;
    private final List<Pending> pending = new ArrayList<>();

    ArchiveBatches(ArchiveManagement archive, ImportTally tally, int size) {
        this.archive = archive;
        this.tally = tally;
        this.size = size;
    }

    /** Returns true when a batch went to the archive, so that the caller may report progress. */
    boolean add(String file, Capture capture) {
        pending.add(new Pending(file, capture));
        if (pending.size() >= size) {
            flush();
            return true;
        }
        return false;
    }

    void flush() {
        for (Pending item : pending) {
            try {
                tally.counted(item.file(), archive.capture(item.capture()).result());
            } catch (CaptureRefused e) {
                tally.rejected(item.file(), item.file() + ": " + item.capture().sourceId(), e.messageKey());
            }
        }
        pending.clear();
    }
}
