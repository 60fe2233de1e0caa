package io.backchannel.blog.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The limits and spam rules for blog comments, from {@code backchannel.blog.*}. */
@Component
class CommentSettings {

    static final int NAME_MAX = 100;

    private final boolean guestComments;
    private final int maxLength;
    private final int maxLinks;
    private final Duration minFillTime;
    private final List<String> spamWords;

    CommentSettings(
            @Value("${backchannel.blog.guest-comments:true}") boolean guestComments,
            @Value("${backchannel.blog.comment-max-length:5000}") int maxLength,
            @Value("${backchannel.blog.comment-max-links:3}") int maxLinks,
            @Value("${backchannel.blog.comment-min-fill-time:3s}") Duration minFillTime,
            @Value("${backchannel.blog.comment-spam-words:}") List<String> spamWords) {
        this.guestComments = guestComments;
        this.maxLength = maxLength;
        this.maxLinks = maxLinks;
        this.minFillTime = minFillTime;
        this.spamWords = spamWords.stream()
                .map(word -> word.strip().toLowerCase(Locale.ROOT))
                .filter(word -> !word.isEmpty())
                .toList();
    }

    boolean guestComments() {
        return guestComments;
    }

    int maxLength() {
        return maxLength;
    }

    int maxLinks() {
        return maxLinks;
    }

    Duration minFillTime() {
        return minFillTime;
    }

    List<String> spamWords() {
        return spamWords;
    }
}
