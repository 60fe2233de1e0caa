package io.backchannel.channels.internal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A post as a connector heard it, before it is stored: {@code payload} the platform's original bytes (kept for the
 * archive as evidence), {@code label} a free channel name for manual entries (a phone call, a letter).
 */
public record IncomingPost(
        String externalId,
        @Nullable String inReplyTo,
        String authorHandle,
        String authorName,
        String text,
        @Nullable String url,
        @Nullable String language,
        @Nullable String label,
        boolean fromCompany,
        Instant postedAt,
        byte[] payload,
        String payloadType) {}
