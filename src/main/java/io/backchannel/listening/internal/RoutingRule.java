package io.backchannel.listening.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

    /** Whether every condition holds; {@code words} and {@code lowerText} are prepared once (see {@link Compiled}). */
    private boolean matches(Facts facts, List<String> words, String lowerText) {
        return (channel == null || channel.equalsIgnoreCase(facts.channel()))
                && (language == null || language.equalsIgnoreCase(facts.language()))
                && (topic == null || facts.topics().contains(topic.toLowerCase(Locale.ROOT)))
                && (intent == null || facts.intents().contains(intent.toLowerCase(Locale.ROOT)))
                && (sentiment == null || sentiment.equals(facts.sentiment().name()))
                && (author == null || author.equalsIgnoreCase(facts.author()))
                && (keywords == null || words.stream().anyMatch(lowerText::contains));
    }

    /** The rules in order, their keyword lists split once rather than for every post. */
    record Compiled(List<RoutingRule> rules, List<List<String>> keywords) {

        static Compiled of(List<RoutingRule> rules) {
            return new Compiled(
                    List.copyOf(rules),
                    rules.stream().map(RoutingRule::keywordList).toList());
        }

        /** The first rule that holds for the post. */
        Optional<RoutingRule> first(Facts facts) {
            String lowerText = facts.text().toLowerCase(Locale.ROOT);
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).matches(facts, keywords.get(i), lowerText)) {
                    return Optional.of(rules.get(i));
                }
            }
            return Optional.empty();
        }
    }

    /** The comma-separated keywords, trimmed and lower-cased; empty for none. */
    private List<String> keywordList() {
        if (keywords == null) {
            return List.of();
        }
        return Arrays.stream(keywords.split(","))
                .map(word -> word.strip().toLowerCase(Locale.ROOT))
                .filter(word -> !word.isEmpty())
                .toList();
    }

    /** What a rule can look at in a new conversation. */
    public record Facts(
            String channel,
            String language,
            List<String> topics,
            List<String> intents,
            Sentiment sentiment,
            String author,
            String text) {}
}
