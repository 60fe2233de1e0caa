package io.backchannel.channels;

import java.time.Instant;
import java.util.UUID;

/**
 * A requested reply could not be sent and will not be retried: the platform refused it, the connector is gone, or
 * the channel cannot answer (a feed, a manual entry). {@code reasonKey} is a message key the inbox shows.
 */
public record ReplyFailed(UUID replyId, String reasonKey, String detail, Instant failedAt) {}
