package io.backchannel.ideas.internal;

import io.backchannel.ideas.IdeaStatus;
import io.backchannel.ideas.IdeaStatusChanged;
import io.backchannel.ideas.IdeaSubmitted;
import io.backchannel.system.NotFoundException;
import io.backchannel.text.Languages;
import io.backchannel.text.SafeMarkdown;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What people do with ideas: submit, vote, comment, and (staff) answer with a status. */
@Service
@Transactional
public class IdeaPortal {

    private final Ideas ideas;
    private final Labels labels;
    private final Categories categories;
    private final HotScore hot;
    private final ApplicationEventPublisher events;

    IdeaPortal(
            Ideas ideas,
            Labels labels,
            Categories categories,
            ApplicationEventPublisher events,
            @Value("${backchannel.ideas.hot-half-life:7d}") Duration halfLife) {
        this.ideas = ideas;
        this.labels = labels;
        this.categories = categories;
        this.events = events;
        this.hot = new HotScore(halfLife);
    }

    /**
     * Posts the idea with its author's own promote, its tags (refused with {@link TagNames.InvalidTags}) and its
     * detected language, and returns its public number.
     */
    public long submit(UUID authorId, UUID categoryId, String title, String markdown, List<String> tags) {
        categories.byId(categoryId).orElseThrow(() -> new NotFoundException("category " + categoryId));
        var tagNames = TagNames.parse(String.join(",", tags));
        Instant now = Instant.now();
        String body = markdown.strip();
        var submitted =
                ideas.insert(title.strip(), body, SafeMarkdown.toHtml(body), categoryId, authorId, hot.weight(now));
        ideas.putVote(submitted.id(), authorId, 1, now);
        labels.set(submitted.id(), tagNames);
        labels.setLanguage(submitted.id(), Languages.detect(title + "\n" + body));
        events.publishEvent(new IdeaSubmitted(submitted.id(), submitted.number(), authorId));
        return submitted.number();
    }

    /**
     * Sets the account's vote on the idea: +1 promotes, -1 demotes, 0 withdraws. The idea row is locked first, so
     * that concurrent votes are counted exactly once each.
     */
    public void vote(long number, UUID accountId, int value) {
        if (value < -1 || value > 1) {
            throw new VoteRefused(VoteRefused.Reason.INVALID);
        }
        var idea = lockedIdea(number);
        if (idea.status().closed()) {
            throw new VoteRefused(VoteRefused.Reason.CLOSED);
        }
        if (value < 0 && idea.upVotesOnly()) {
            throw new VoteRefused(VoteRefused.Reason.UP_ONLY);
        }
        Instant now = Instant.now();
        var previous = ideas.vote(idea.id(), accountId);
        int old = previous.map(Ideas.CastVote::value).orElse(0);
        if (old == value) {
            return;
        }
        double change = value * hot.weight(now)
                - previous.map(v -> v.value() * hot.weight(v.castAt())).orElse(0.0);
        if (value == 0) {
            ideas.deleteVote(idea.id(), accountId);
        } else {
            ideas.putVote(idea.id(), accountId, value, now);
        }
        ideas.adjustScore(idea.id(), count(value, 1) - count(old, 1), count(value, -1) - count(old, -1), change);
    }

    /** Staff answer: a new status, with a public explanation where the status needs one. */
    public void changeStatus(long number, IdeaStatus to, String explanation, UUID staffId) {
        if (to.needsExplanation() && explanation.isBlank()) {
            throw new ExplanationRequired(to);
        }
        var idea = lockedIdea(number);
        if (idea.status() == to && explanation.isBlank()) {
            return;
        }
        ideas.changeStatus(idea.id(), idea.status(), to, explanation.strip(), staffId);
        events.publishEvent(new IdeaStatusChanged(idea.id(), number, idea.status(), to, staffId));
    }

    public void comment(long number, UUID authorId, String markdown, boolean staff) {
        var idea = ideas.byNumber(number).orElseThrow(() -> notFound(number));
        String body = markdown.strip();
        ideas.addComment(idea.id(), authorId, body, SafeMarkdown.toHtml(body), staff);
    }

    private Ideas.Locked lockedIdea(long number) {
        return ideas.lock(number).orElseThrow(() -> notFound(number));
    }

    private static int count(int vote, int kind) {
        return vote == kind ? 1 : 0;
    }

    private static NotFoundException notFound(long number) {
        return new NotFoundException("idea " + number);
    }

    /** A vote that cannot be cast; the reason names the translated message. */
    public static class VoteRefused extends RuntimeException {

        public enum Reason {
            INVALID,
            CLOSED,
            UP_ONLY
        }

        private final Reason reason;

        VoteRefused(Reason reason) {
            super("Vote refused: " + reason);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** "Not planned" and "Duplicate" need a public explanation. */
    public static class ExplanationRequired extends RuntimeException {
        ExplanationRequired(IdeaStatus status) {
            super("Status " + status + " needs an explanation");
        }
    }
}
