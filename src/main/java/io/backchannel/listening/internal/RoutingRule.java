package io.backchannel.listening.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One routing rule: every condition that is set must hold (a keyword list holds when any of its comma-separated words
 * occurs in the text); the rule with the lowest position that holds sends the conversation to its team.
 */
public record RoutingRule(
        UUID id,
        int position,
        String name,
        @Nullable String channel,
        @Nullable String language,
        @Nullable String topic,
        @Nullable String intent,
        @Nullable String sentiment,
        @Nullable String author,
        @Nullable String keywords,
        UUID teamId) {

    boolean matches(Facts facts) {
        return (channel == null || channel.equalsIgnoreCase(facts.channel()))
                && (language == null || language.equalsIgnoreCase(facts.language()))
                && (topic == null || facts.topics().contains(topic.toLowerCase(Locale.ROOT)))
                && (intent == null || facts.intents().contains(intent.toLowerCase(Locale.ROOT)))
                && (sentiment == null || sentiment.equals(facts.sentiment().name()))
                && (author == null || author.equalsIgnoreCase(facts.author()))
                && (keywords == null || anyKeyword(facts.text().toLowerCase(Locale.ROOT)));
    }

    private boolean anyKeyword(String text) {
        return Arrays.stream(keywords.split(","))
                .map(word -> word.strip().toLowerCase(Locale.ROOT))
                .filter(word -> !word.isEmpty())
                .anyMatch(text::contains);
    }

    /** What a rule can look at in a new conversation. */
    public record Facts(
            String channel,
            String language,
            java.util.List<String> topics,
            java.util.List<String> intents,
            Sentiment sentiment,
            String author,
            String text) {}
}
