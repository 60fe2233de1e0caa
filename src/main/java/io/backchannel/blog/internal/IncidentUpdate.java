package io.backchannel.blog.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One dated entry of an incident's timeline, its text per language (Markdown and the sanitised HTML of it). */
public record IncidentUpdate(
        UUID id, IncidentStatus status, String postedBy, Instant postedAt, boolean notified, Map<String, Text> texts) {

    public IncidentUpdate {
        texts = Map.copyOf(texts);
    }

    public Localized<Text> text(String language, String primary) {
        return Localized.pick(texts, language, primary);
    }

    public record Text(String markdown, String html) {}
}
