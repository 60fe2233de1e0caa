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

/** What people do with ideas: submit, vote, and (staff) answer with a status; comments are {@link Discussion}'s. */
@Service
@Transactional
public class IdeaPortal {

    private final Ideas ideas;
    private final Labels labels;
    private final Categories categories;
    private final Merges merges;
    private final Blocks blocks;
    private final VoteBudgets budgets;
    private final HotScore hot;
    private final ApplicationEventPublisher events;

    IdeaPortal(
            Ideas ideas,
            Labels labels,
            Categories categories,
            Merges merges,
            Blocks blocks,
            VoteBudgets budgets,
            ApplicationEventPublisher events,
            @Value("${backchannel.ideas.hot-half-life:7d}") Duration halfLife) {
        this.ideas = ideas;
        this.labels = labels;
        this.categories = categories;
        this.merges = merges;
        this.blocks = blocks;
        this.budgets = budgets;
        this.events = events;
        this.hot = new HotScore(halfLife);
    }

    /**
     * Posts the idea with its author's own promote, its tags (refused with {@link TagNames.InvalidTags}) and its
     * detected language, and returns its public number. On a pre-moderated board the idea waits for staff, and
     * {@link IdeaSubmitted} follows only when staff approve it (see {@code Moderation}).
     */
    public long submit(UUID authorId, UUID categoryId, String title, String markdown, List<String> tags) {
        blocks.requireAllowed(authorId);
        var category = categories.byId(categoryId).orElseThrow(() -> new NotFoundException("category " + categoryId));
        var tagNames = TagNames.parse(String.join(",", tags));
        Instant now = castNow();
        String body = markdown.strip();
        String moderation = category.preModerated() ? Ideas.PENDING : Ideas.PUBLISHED;
        var submitted = ideas.insert(
                title.strip(), body, SafeMarkdown.toHtml(body), categoryId, authorId, hot.weight(now), moderation);
        ideas.putVote(submitted.id(), authorId, 1, now, VoteOrigin.UNKNOWN);
        labels.set(submitted.id(), tagNames);
        labels.setLanguage(submitted.id(), Languages.detect(title + "\n" + body));
        if (!category.preModerated()) {
            events.publishEvent(new IdeaSubmitted(submitted.id(), submitted.number(), authorId));
        }
        return submitted.number();
    }

    public void vote(long number, UUID accountId, int value) {
        vote(number, accountId, value, VoteOrigin.UNKNOWN);
    }

    /**
     * Sets the account's vote: +1 promotes, -1 demotes, 0 withdraws. The idea row is locked first, so that concurrent
     * votes are counted exactly once each; on a board with a vote budget, a new vote also locks the voter's budget.
     */
    public void vote(long number, UUID accountId, int value, VoteOrigin origin) {
        if (value < -1 || value > 1) {
            throw new VoteRefused(VoteRefused.Reason.INVALID);
        }
        blocks.requireAllowed(accountId);
        var idea = lockedIdea(number);
        if (idea.status().closed()) {
            throw new VoteRefused(VoteRefused.Reason.CLOSED);
        }
        if (value < 0 && idea.upVotesOnly()) {
            throw new VoteRefused(VoteRefused.Reason.UP_ONLY);
        }
        Instant now = castNow();
        var previous = ideas.vote(idea.id(), accountId);
        int old = previous.map(Ideas.CastVote::value).orElse(0);
        if (old == value) {
            return;
        }
        if (old == 0 && idea.voteBudget() != null && !idea.authorId().equals(accountId)) {
            budgets.lock(accountId, idea.categoryId());
            if (budgets.used(accountId, idea.categoryId()) >= idea.voteBudget()) {
                throw new VoteRefused(VoteRefused.Reason.OVER_BUDGET);
            }
        }
        double change = value * hot.weight(now)
                - previous.map(v -> v.value() * hot.weight(v.castAt())).orElse(0.0);
        if (value == 0) {
            ideas.deleteVote(idea.id(), accountId);
        } else {
            ideas.putVote(idea.id(), accountId, value, now, origin);
        }
        ideas.adjustScore(idea.id(), count(value, 1) - count(old, 1), count(value, -1) - count(old, -1), change);
    }

    /** Staff answer: a new status, with a public explanation where the status needs one. */
    public void changeStatus(long number, IdeaStatus to, String explanation, UUID staffId) {
        changeStatus(number, new IdeaStatuses.Choice(to, null, to.needsExplanation()), explanation, staffId);
    }

    /** Staff answer with a built-in stage or an admin's own status; either acknowledges the idea. */
    public void changeStatus(long number, IdeaStatuses.Choice to, String explanation, UUID staffId) {
        if (to.needsExplanation() && explanation.isBlank()) {
            throw new ExplanationRequired(to.stage());
        }
        var idea = lockedIdea(number);
        // A merged idea stays a closed duplicate: reopening it would let it take votes again.
        if (merges.isMerged(idea.id())) {
            throw new IdeaMerges.MergeRefused(IdeaMerges.MergeRefused.Reason.ALREADY_MERGED);
        }
        if (idea.status() == to.stage()
                && java.util.Objects.equals(idea.statusLabel(), to.label())
                && explanation.isBlank()) {
            return;
        }
        ideas.changeStatus(idea.id(), idea.status(), to.stage(), to.label(), explanation.strip(), staffId);
        events.publishEvent(new IdeaStatusChanged(idea.id(), number, idea.status(), to.stage(), staffId));
    }

    /**
     * The same answer for several ideas at once, all or none: each idea gets its own history entry, event and mails.
     * Locks in number order, so that two bulk changes over the same ideas cannot deadlock.
     */
    public void changeStatuses(
            java.util.Collection<Long> numbers, IdeaStatuses.Choice to, String explanation, UUID staffId) {
        if (to.needsExplanation() && explanation.isBlank()) {
            throw new ExplanationRequired(to.stage());
        }
        numbers.stream().distinct().sorted().forEach(number -> changeStatus(number, to, explanation, staffId));
    }

    /**
     * Now, at the precision PostgreSQL stores: a vote's weight is computed from the same instant that is stored with it,
     * so that withdrawing it later, merging or recounting from the rows subtracts exactly what was added (rounding
     * 12.9999996 s up to 13 s in the database would otherwise move the vote into the next second).
     */
    private static Instant castNow() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
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
            UP_ONLY,
            OVER_BUDGET
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

    /** "Not planned", "Duplicate" and the admins' statuses marked so need a public explanation. */
    public static class ExplanationRequired extends RuntimeException {
        ExplanationRequired(IdeaStatus status) {
            super("Status " + status + " needs an explanation");
        }
    }
}
