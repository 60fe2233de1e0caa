package io.backchannel.blog.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Cheap signs that a comment was written by a script rather than a person. A comment that shows one is not refused
 * but kept as SPAM for staff to review, and its sender is told the same as for a comment waiting for moderation, so
 * that nobody learns which rule caught them.
 */
@Component
class SpamHeuristics {

    /** Names of the reasons, as stored and as their messages ({@code blog.comments.spam.<reason>}) know them. */
    enum Reason {
        HONEYPOT,
        TOO_FAST,
        LINKS,
        WORDS,
        REPEATED
    }

    // Anything long enough to be more than a short thank-you counts as a copy even from another sender.
    private static final int COPY_FROM_ANYONE_LENGTH = 40;
    private static final Pattern LINK = Pattern.compile("(?i)https?://|www\\.|mailto:");

    private final CommentSettings settings;
    private final FormStamps stamps;
    private final CommentStore comments;

    SpamHeuristics(CommentSettings settings, FormStamps stamps, CommentStore comments) {
        this.settings = settings;
        this.stamps = stamps;
        this.comments = comments;
    }

    /** The first sign of spam the comment shows, if any. */
    Optional<Reason> check(
            String body,
            String honeypot,
            String stamp,
            @Nullable UUID authorId,
            @Nullable String guestEmail,
            String addressHash) {
        if (!honeypot.isEmpty()) {
            return Optional.of(Reason.HONEYPOT);
        }
        var age = stamps.age(stamp);
        if (age.isEmpty() || age.get().compareTo(settings.minFillTime()) < 0) {
            return Optional.of(Reason.TOO_FAST);
        }
        if (LINK.matcher(body).results().count() > settings.maxLinks()) {
            return Optional.of(Reason.LINKS);
        }
        String lower = body.toLowerCase(Locale.ROOT);
        if (settings.spamWords().stream().anyMatch(lower::contains)) {
            return Optional.of(Reason.WORDS);
        }
        if (comments.repeated(
                body,
                authorId,
                guestEmail,
                addressHash,
                COPY_FROM_ANYONE_LENGTH,
                Instant.now().minus(1, ChronoUnit.DAYS))) {
            return Optional.of(Reason.REPEATED);
        }
        return Optional.empty();
    }
}
