package io.backchannel.text;

import java.util.List;
import java.util.Set;

/**
 * What {@link TextAnalysis#analyse} found in a post.
 *
 * @param normalised the text with styled letters made plain and invisible characters removed
 * @param language ISO 639-1 code, or {@link Languages#UNKNOWN}
 * @param score the sentiment's strength and direction, −1 (very negative) … +1 (very positive)
 * @param confidence how sure the sentiment is, 0 … 1: low when the evidence is weak or mixed
 * @param topics the caller's topics whose keywords occur
 * @param mentions as written, {@code @user} or {@code @user@host}
 * @param hashtags without the {@code #}
 */
public record Analysis(
        String normalised,
        String language,
        Sentiment sentiment,
        double score,
        double confidence,
        Set<String> topics,
        Set<Intent> intents,
        List<String> urls,
        List<String> mentions,
        List<String> hashtags) {}
