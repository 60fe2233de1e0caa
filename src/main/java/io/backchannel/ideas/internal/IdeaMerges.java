package io.backchannel.ideas.internal;

import io.backchannel.ideas.IdeaStatus;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff merge a duplicate into the idea that survives: votes (without counting anyone twice), comments and
 * subscribers move over, and the duplicate is closed with a public explanation that links to the survivor.
 */
@Service
@Transactional
public class IdeaMerges {

    private final Ideas ideas;
    private final Merges merges;
    private final Subscriptions subscriptions;
    private final IdeaPortal portal;
    private final MessageSource messages;
    private final IdeaLinks links;
    private final HotScore hot;

    IdeaMerges(
            Ideas ideas,
            Merges merges,
            Subscriptions subscriptions,
            IdeaPortal portal,
            MessageSource messages,
            IdeaLinks links,
            @Value("${backchannel.ideas.hot-half-life:7d}") Duration halfLife) {
        this.ideas = ideas;
        this.merges = merges;
        this.subscriptions = subscriptions;
        this.portal = portal;
        this.messages = messages;
        this.links = links;
        this.hot = new HotScore(halfLife);
    }

    /**
     * Merges idea {@code from} into idea {@code into}. Both rows are locked lower number first, the order every
     * merge uses, so merges that share an idea wait for each other instead of deadlocking; votes on either idea wait
     * too, as they lock the idea row first. The explanation is written in the staff member's language, like a status
     * answer.
     */
    public void merge(long from, long into, String note, SignedInAccount staff, Locale locale) {
        if (!staff.staff()) {
            throw new AccessDeniedException("Only staff merge ideas");
        }
        merge(from, into, note, staff.id(), locale);
    }

    /** Merges for a caller that already checked the staff role (demo data, other modules). */
    public void merge(long from, long into, String note, UUID staffId, Locale locale) {
        if (from == into) {
            throw new MergeRefused(MergeRefused.Reason.SAME);
        }
        var first = ideas.lock(Math.min(from, into));
        var second = ideas.lock(Math.max(from, into));
        var duplicate = (from < into ? first : second).orElseThrow(() -> new NotFoundException("idea " + from));
        var survivor = (from < into ? second : first).orElseThrow(() -> new MergeRefused(MergeRefused.Reason.UNKNOWN));
        if (merges.isMerged(duplicate.id())) {
            throw new MergeRefused(MergeRefused.Reason.ALREADY_MERGED);
        }
        if (merges.isMerged(survivor.id())) {
            throw new MergeRefused(MergeRefused.Reason.SURVIVOR_MERGED);
        }
        // Whoever followed the duplicate follows both from now on: the duplicate's closing mail reaches them
        // although its votes and comments are gone, and the survivor's news reach them too.
        var followers = subscriptions.subscribers(duplicate.id());
        subscriptions.copyOptOuts(duplicate.id(), survivor.id());
        subscriptions.subscribeUnlessChosen(duplicate.id(), followers);
        subscriptions.subscribeUnlessChosen(survivor.id(), followers);

        int votes = merges.moveVotes(duplicate.id(), survivor.id());
        int comments = merges.moveComments(duplicate.id(), survivor.id());
        rescore(survivor);
        rescore(duplicate);
        portal.changeStatus(from, IdeaStatus.DUPLICATE, explanation(into, note, locale), staffId);
        merges.record(duplicate.id(), survivor.id(), votes, comments, staffId);
    }

    /** What the idea page tells about merges: where this idea went, and which ideas came into it. */
    @Transactional(readOnly = true)
    public MergeNotes notes(long number) {
        return new MergeNotes(merges.survivorOf(number).orElse(null), merges.mergedInto(number));
    }

    /** Counts and hot score from the vote rows themselves, as if every vote had been cast on this idea. */
    private void rescore(Ideas.Locked idea) {
        double score = 0;
        for (var vote : merges.votes(idea.id())) {
            score += vote.value() * hot.weight(vote.castAt());
        }
        merges.setScore(idea.id(), score);
    }

    private String explanation(long into, String note, Locale locale) {
        var survivor = ideas.byNumber(into).orElseThrow(() -> new MergeRefused(MergeRefused.Reason.UNKNOWN));
        String text = messages.getMessage(
                "ideas.merge.explanation",
                new Object[] {String.valueOf(into), survivor.title(), links.idea(into)},
                locale);
        return note.isBlank() ? text : text + "\n\n" + note.strip();
    }

    public record MergeNotes(@Nullable MergeLink mergedInto, List<MergeLink> mergedFrom) {}

    public record MergeLink(long number, String title, Instant mergedAt) {}

    /** A merge that cannot be made; the reason names the translated message. */
    public static class MergeRefused extends RuntimeException {

        public enum Reason {
            SAME,
            UNKNOWN,
            ALREADY_MERGED,
            SURVIVOR_MERGED
        }

        private final Reason reason;

        MergeRefused(Reason reason) {
            super("Merge refused: " + reason);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }
}
