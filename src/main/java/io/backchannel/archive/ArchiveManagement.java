package io.backchannel.archive;

import io.backchannel.archive.internal.Archive;
import java.time.Instant;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/**
 * What other modules and importers may tell the archive. Captures are idempotent: the same source item with the same
 * content is recognised, changed content becomes a new version beside the old, and nothing is ever removed.
 */
@Service
public class ArchiveManagement {

    private final Archive archive;

    ArchiveManagement(Archive archive) {
        this.archive = archive;
    }

    /**
     * Archives the item durably: when this returns, its WARC record is on disk and its row committed. Call it outside a
     * transaction: it commits in its own, one capture at a time, and callers that each held a connection while they
     * waited could take the last one it needs.
     *
     * @throws CaptureRefused when the item cannot be archived (too large, no source id)
     */
    public CaptureOutcome capture(Capture capture) {
        return archive.capture(capture);
    }

    /** The item disappeared from its platform; returns false when the archive never held it. */
    public boolean markDeletedAtSource(String platform, String sourceId, Instant noticedAt, String noticedBy) {
        return archive.markDeletedAtSource(platform, sourceId, noticedAt, noticedBy);
    }

    /**
     * Hands over, one at a time, the source ids of the items an import collected for this platform and account that
     * are not yet marked deleted at source, so that a re-import can tell which ones vanished from the platform.
     * Streams; never holds them all. {@code each} must not write to the archive (its connection is in use).
     */
    public void heldSourceIds(String platform, String account, Consumer<String> each) {
        archive.heldSourceIds(platform, account, each);
    }
}
