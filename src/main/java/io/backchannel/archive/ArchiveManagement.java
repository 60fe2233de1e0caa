package io.backchannel.archive;

import io.backchannel.archive.internal.Archive;
import java.time.Instant;
import java.util.List;
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
     * transaction: it commits in its own, and callers that each held a connection while they waited could take the
     * last one it needs. Captures from many threads at once are written together, so calling it concurrently is cheap.
     *
     * @throws CaptureRefused when the item cannot be archived (too large, no source id)
     */
    public CaptureOutcome capture(Capture capture) {
        return archive.capture(capture);
    }

    /**
     * Archives a batch durably with one write to disk and one transaction, far faster than one capture after another:
     * one result per item, in order. An item the archive refuses is reported in its place and the others are kept; an
     * item that occurs twice in the batch is archived once and its second occurrence is {@code ALREADY_HELD}. Call it
     * outside a transaction, like {@link #capture}.
     */
    public List<CaptureResult> captureAll(List<Capture> captures) {
        return archive.captureAll(captures);
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
