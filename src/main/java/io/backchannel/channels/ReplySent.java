package io.backchannel.channels;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A requested reply reached its platform; {@code externalId} and {@code url} name it there when the platform says. */
public record ReplySent(
        UUID replyId,
        UUID connectorId,
        String channel,
        String inReplyToExternalId,
        @Nullable String externalId,
        @Nullable String url,
        String text,
        String sentAs,
        Instant sentAt) {}
