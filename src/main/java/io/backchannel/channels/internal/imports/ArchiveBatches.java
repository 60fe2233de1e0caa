package io.backchannel.channels.internal.imports;

import io.backchannel.archive.ArchiveManagement;
import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands an import's captures to the archive in batches ({@link ArchiveManagement#captureAll}: one write to disk and one
 * transaction each) and counts what became of each item. A batch also ends at {@link #MAX_BYTES} of content: a batch
 * of media files of a megabyte each, built and gzipped at once, would not fit the 512 MB heap an import must run in.
 */
final class ArchiveBatches {

    private record Pending(String file, Capture capture) {}

    private final ArchiveManagement archive;
    private final ImportTally tally;
    private final int size;
    private final List<Pending> pending = new ArrayList<>();
    private long pendingBytes;

    static final long MAX_BYTES = 16L * 1024 * 1024;

    ArchiveBatches(ArchiveManagement archive, ImportTally tally, int size) {
        this.archive = archive;
        this.tally = tally;
        this.size = size;
    }

    /** Returns true when a batch went to the archive, so that the caller may report progress. */
    boolean add(String file, Capture capture) {
        pending.add(new Pending(file, capture));
        pendingBytes += capture.content().length;
        if (pending.size() >= size || pendingBytes >= MAX_BYTES) {
            flush();
            return true;
        }
        return false;
    }

    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<CaptureResult> results =
                archive.captureAll(pending.stream().map(Pending::capture).toList());
        for (int i = 0; i < pending.size(); i++) {
            Pending item = pending.get(i);
            switch (results.get(i)) {
                case CaptureResult.Archived archived ->
                    tally.counted(item.file(), archived.outcome().result());
                case CaptureResult.Refused refused ->
                    tally.rejected(
                            item.file(), item.file() + ": " + item.capture().sourceId(), refused.messageKey());
            }
        }
        pending.clear();
        pendingBytes = 0;
    }
}
