package io.backchannel.listening.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The inbox's filters; null means any. {@code teams} narrows to conversations of these teams (a person's own teams),
 * {@code after} is the keyset cursor: the page starts after this (last message, id) pair.
 */
public record InboxQuery(
        @Nullable ConversationStatus status,
        @Nullable List<UUID> teams,
        @Nullable UUID assignee,
        @Nullable String channel,
        @Nullable String language,
        @Nullable Sentiment sentiment,
        @Nullable String topic,
        String q,
        @Nullable Cursor after) {

    public InboxQuery after(Cursor cursor) {
        return new InboxQuery(status, teams, assignee, channel, language, sentiment, topic, q, cursor);
    }

    /** Where a page ends: newest activity first, the id breaking ties. Written as {@code <instant>_<uuid>}. */
    public record Cursor(Instant lastMessageAt, UUID id) {

        public static @Nullable Cursor parse(@Nullable String value) {
            if (value == null || value.length() > 80) {
                return null;
            }
            int split = value.lastIndexOf('_');
            if (split < 0) {
                return null;
            }
            try {
                return new Cursor(
                        Instant.parse(value.substring(0, split)), UUID.fromString(value.substring(split + 1)));
            } catch (RuntimeException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return lastMessageAt + "_" + id;
        }
    }
}
