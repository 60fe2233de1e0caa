package io.backchannel.browser;

import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Posts as a connector hands them to the archive, for journeys that begin at archived records. */
final class ArchivedPosts {

    private ArchivedPosts() {}

    /** A mention by Rita on the X account "nordwind", captured now; its content is its text. */
    static Capture post(String sourceId, String language, String text) {
        Instant now = Instant.now();
        return new Capture(
                "x",
                sourceId,
                "nordwind",
                "Rita",
                CaptureKind.INBOUND_MENTION,
                language,
                now,
                "https://x.example/nordwind/" + sourceId,
                text,
                "text/plain",
                text.getBytes(StandardCharsets.UTF_8),
                "browser test",
                "browser journey",
                now,
                "api");
    }
}
