package io.backchannel.listening.internal;

import io.backchannel.text.Languages;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the inbox knows of a post's text: language, sentiment, topics and intents. The one place that asks the text
 * module, so that switching to its full analysis ({@code text.TextAnalysis}) changes this class only. Until then the
 * sentiment is a placeholder: UNCLEAR when not even the language can be told (staff review those), otherwise NEUTRAL;
 * topics are the post's hashtags and the only intent is a question.
 */
@Component
public class Enrichment {

    static final int MAX_TOPICS = 10;

    /** An IETF tag's primary language subtag; anything else a platform sends is ignored. */
    private static final Pattern LANGUAGE_TAG = Pattern.compile("([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*");

    private static final Pattern HASHTAG = Pattern.compile("#([\\p{L}\\p{N}_]{2,40})");

    public Result analyse(String text, @Nullable String languageHint) {
        String language = Languages.detect(text);
        if (Languages.UNKNOWN.equals(language) && languageHint != null) {
            var hint = LANGUAGE_TAG.matcher(languageHint.strip());
            if (hint.matches()) {
                language = hint.group(1).toLowerCase(Locale.ROOT);
            }
        }
        Sentiment sentiment = Languages.UNKNOWN.equals(language) ? Sentiment.UNCLEAR : Sentiment.NEUTRAL;
        var topics = new LinkedHashSet<String>();
        var matcher = HASHTAG.matcher(text);
        while (matcher.find() && topics.size() < MAX_TOPICS) {
            topics.add(matcher.group(1).toLowerCase(Locale.ROOT));
        }
        List<String> intents = text.contains("?") ? List.of("question") : List.of();
        return new Result(language, sentiment, List.copyOf(topics), intents);
    }

    public record Result(String language, Sentiment sentiment, List<String> topics, List<String> intents) {}
}
