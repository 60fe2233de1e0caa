package io.backchannel.listening.internal;

import io.backchannel.text.Analysis;
import io.backchannel.text.SentimentCorrections;
import io.backchannel.text.TextAnalysis;
import io.backchannel.text.Topics;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the inbox knows of a post's text: language, sentiment, topics and intents, from the text module's analysis.
 * Staff corrections of the sentiment are learnt again after each new one, so the next posts use them. Topics are the
 * post's hashtags until listening queries define keyword sets.
 */
@Component
public class Enrichment {

    static final int MAX_TOPICS = 10;

    private final JdbcClient jdbc;
    private volatile @Nullable SentimentCorrections corrections;

    Enrichment(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Result analyse(String text, @Nullable String languageHint) {
        Analysis analysis = TextAnalysis.analyse(text, languageHint, Topics.none(), corrections());
        var topics = new LinkedHashSet<String>(analysis.topics());
        for (String hashtag : analysis.hashtags()) {
            if (topics.size() >= MAX_TOPICS) {
                break;
            }
            topics.add(hashtag.toLowerCase(Locale.ROOT));
        }
        List<String> intents = analysis.intents().stream()
                .map(intent -> intent.name().toLowerCase(Locale.ROOT))
                .sorted()
                .toList();
        return new Result(
                analysis.language(), Sentiment.valueOf(analysis.sentiment().name()), List.copyOf(topics), intents);
    }

    /** A correction was stored: the next analysis learns from all of them again. */
    void corrected() {
        corrections = null;
    }

    private SentimentCorrections corrections() {
        SentimentCorrections known = corrections;
        if (known == null) {
            known = SentimentCorrections.learn(jdbc.sql(
                            "select text, language, corrected from listening_sentiment_correction order by id")
                    .query((rs, row) -> new SentimentCorrections.Correction(
                            rs.getString(1), rs.getString(2), io.backchannel.text.Sentiment.valueOf(rs.getString(3))))
                    .list());
            corrections = known;
        }
        return known;
    }

    public record Result(String language, Sentiment sentiment, List<String> topics, List<String> intents) {}
}
