package io.backchannel.blog.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An incident with its title and summary in each language it has (always the primary one). */
public record Incident(
        UUID id,
        long number,
        IncidentKind kind,
        IncidentStatus status,
        Instant openedAt,
        @Nullable Instant resolvedAt,
        Instant updatedAt,
        Map<String, Text> texts) {

    public Incident {
        texts = Map.copyOf(texts);
    }

    /** The title and summary in the language, or in the primary language when it has none in that one. */
    public Localized<Text> text(String language, String primary) {
        return Localized.pick(texts, language, primary);
    }

    public record Text(String title, String summary) {}
}
