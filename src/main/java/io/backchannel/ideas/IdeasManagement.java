package io.backchannel.ideas;

import io.backchannel.ideas.internal.Discussion;
import io.backchannel.ideas.internal.IdeaMerges;
import io.backchannel.ideas.internal.IdeaPortal;
import io.backchannel.ideas.internal.IdeaSetup;
import io.backchannel.ideas.internal.IdeaTexts;
import io.backchannel.ideas.internal.StormSessions;
import io.backchannel.ideas.internal.Storms;
import io.backchannel.ideas.internal.Triage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** What other modules may ask of or tell the ideas portal. */
@Service
public class IdeasManagement {

    private final IdeaSetup setup;
    private final IdeaPortal portal;
    private final Triage triage;
    private final IdeaMerges merges;
    private final Discussion discussion;
    private final StormSessions storms;
    private final IdeaTexts texts;

    IdeasManagement(
            IdeaSetup setup,
            IdeaPortal portal,
            Triage triage,
            IdeaMerges merges,
            Discussion discussion,
            StormSessions storms,
            IdeaTexts texts) {
        this.setup = setup;
        this.portal = portal;
        this.triage = triage;
        this.merges = merges;
        this.discussion = discussion;
        this.storms = storms;
        this.texts = texts;
    }

    /** The idea's number, title and address, e.g. to link to it from elsewhere; empty for an unknown ID. */
    public java.util.Optional<IdeaReference> reference(UUID ideaId) {
        return texts.reference(ideaId);
    }

    /** The idea as its author wrote it (title and Markdown), whatever its status or moderation. */
    public Optional<IdeaText> ideaText(long number) {
        return texts.idea(number);
    }

    /** The comment as its author wrote it (its current Markdown). */
    public Optional<CommentText> commentText(UUID commentId) {
        return texts.comment(commentId);
    }

    /** The idea's most recent status change with its public explanation. */
    public Optional<StatusNote> latestStatusChange(long number) {
        return texts.latestStatusChange(number);
    }

    public boolean hasCategories() {
        return setup.hasCategories();
    }

    /** The boards in their portal order, to choose one for a new idea. */
    public List<BoardSummary> boards() {
        return setup.boards();
    }

    /** Creates a board; {@code upVotesOnly} boards take promotes but no demotes. */
    public UUID createCategory(String slug, String name, String description, boolean upVotesOnly) {
        return setup.createCategory(slug, name, description, upVotesOnly);
    }

    /** Makes ideas on the board wait for staff approval before anyone else sees them. */
    public void preModerate(UUID categoryId, boolean preModerated) {
        setup.preModerate(categoryId, preModerated);
    }

    /** Limits each person to this many votes on the board's open ideas; null lifts the limit. */
    public void setVoteBudget(UUID categoryId, @org.jspecify.annotations.Nullable Integer budget) {
        setup.setVoteBudget(categoryId, budget);
    }

    /** Posts an idea as the author and returns its public number. */
    public long submit(UUID authorId, UUID categoryId, String title, String markdown) {
        return submit(authorId, categoryId, title, markdown, List.of());
    }

    /** Posts an idea with tags (normalised; at most five, each 2 to 30 letters, digits or hyphens). */
    public long submit(UUID authorId, UUID categoryId, String title, String markdown, List<String> tags) {
        return portal.submit(authorId, categoryId, title, markdown, tags);
    }

    public void vote(long number, UUID accountId, int value) {
        portal.vote(number, accountId, value);
    }

    public void changeStatus(long number, IdeaStatus status, String explanation, UUID staffId) {
        portal.changeStatus(number, status, explanation, staffId);
    }

    /** Staff have seen the new idea: it leaves the triage queue. */
    public void acknowledge(long number, UUID staffId) {
        triage.acknowledge(number, staffId);
    }

    public void assignToTeam(long number, UUID teamId) {
        triage.assign(List.of(number), teamId);
    }

    /** An internal note on the idea that only staff see. */
    public void addNote(long number, UUID staffId, String markdown) {
        triage.addNote(number, staffId, markdown);
    }

    /** For demo data: the idea was submitted {@code age} earlier than it was. */
    public void backdate(long number, Duration age) {
        setup.backdate(number, age);
    }

    /** Merges a duplicate into the surviving idea as the staff member; the explanation is written in English. */
    public void merge(long duplicate, long survivor, String note, UUID staffId) {
        merges.merge(duplicate, survivor, note, staffId, java.util.Locale.ENGLISH);
    }

    /** Comments on the idea as the author ({@code staff} highlights it as a team answer); returns the comment. */
    public UUID comment(long number, UUID authorId, String markdown, boolean staff) {
        return discussion.comment(number, authorId, markdown, staff);
    }

    /** Answers a comment; answers to answers join the thread of the comment they belong to. */
    public UUID reply(long number, UUID commentId, UUID authorId, String markdown, boolean staff) {
        return discussion.reply(number, commentId, authorId, markdown, staff);
    }

    /** Reports the comment as abusive, which puts it into the moderation queue. */
    public void flag(long number, UUID commentId, UUID accountId) {
        discussion.flag(number, commentId, accountId);
    }

    /** Staff show the comment as an extension of its idea. */
    public void extend(UUID commentId, UUID staffId) {
        discussion.extend(commentId, staffId);
    }

    /** Sets up a storm session (the description in Markdown) and returns its address. */
    public String createStorm(
            String title,
            String description,
            @Nullable UUID categoryId,
            Instant startsAt,
            Instant endsAt,
            UUID staffId) {
        return storms.create(new Storms.Draft(title, description, categoryId, startsAt, endsAt), staffId);
    }

    /** Posts an idea for an open storm session and returns its public number. */
    public long submitToStorm(String storm, UUID authorId, UUID categoryId, String title, String markdown) {
        return storms.submit(storm, authorId, categoryId, title, markdown, List.of());
    }

    /** Moves a storm session's time window, e.g. to end it early. */
    public void rescheduleStorm(String storm, Instant startsAt, Instant endsAt) {
        storms.reschedule(storm, startsAt, endsAt);
    }
}
