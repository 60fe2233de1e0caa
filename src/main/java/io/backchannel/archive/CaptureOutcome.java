package io.backchannel.archive;

import java.util.UUID;

/** What became of a capture: the record that holds it (new or already there) and its version. */
public record CaptureOutcome(UUID recordId, Result result, int version, long position) {

    public enum Result {
        NEW,
        /** The same source item with the same content digest was held already; nothing was written. */
        ALREADY_HELD,
        /** The source item was held with other content: this version now stands beside the old one. */
        NEW_VERSION
    }
}
