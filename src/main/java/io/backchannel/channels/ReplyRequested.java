package io.backchannel.channels;

import java.time.Instant;
import java.util.UUID;

/**
 * Staff answered a post: the channels module sends the reply through the connector the post came by and tells
 * {@link ReplySent} or {@link ReplyFailed} with the same reply id. Published by the module that wrote the answer (the
 * inbox); delivered through the event outbox, so a reply written before a crash is still sent.
 */
public record ReplyRequested(
        UUID replyId,
        UUID connectorId,
        String channel,
        String inReplyToExternalId,
        String text,
        UUID staffAccountId,
        Instant requestedAt) {}
