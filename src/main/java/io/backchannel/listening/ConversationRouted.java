package io.backchannel.listening;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A conversation reached a team (by a routing rule, the default team, or staff's hand) and perhaps a person in it.
 *
 * @param ruleId the rule that matched; null for the default team or a manual reassignment
 */
public record ConversationRouted(
        UUID conversationId,
        @Nullable UUID teamId,
        @Nullable UUID assigneeId,
        @Nullable UUID ruleId,
        Instant routedAt) {}
