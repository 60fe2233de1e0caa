package io.backchannel.ideas;

import io.backchannel.ideas.internal.Discussion;
import io.backchannel.ideas.internal.IdeaPortal;
import io.backchannel.ideas.internal.IdeaSetup;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** What other modules may ask of or tell the ideas portal. */
@Service
public class IdeasManagement {

    private final IdeaSetup setup;
    private final IdeaPortal portal;
    private final Discussion discussion;

    IdeasManagement(IdeaSetup setup, IdeaPortal portal, Discussion discussion) {
        this.setup = setup;
        this.portal = portal;
        this.discussion = discussion;
    }

    public boolean hasCategories() {
        return setup.hasCategories();
    }

    /** Creates a board; {@code upVotesOnly} boards take promotes but no demotes. */
    public UUID createCategory(String slug, String name, String description, boolean upVotesOnly) {
        return setup.createCategory(slug, name, description, upVotesOnly);
    }

    /** Makes ideas on the board wait for staff approval before anyone else sees them. */
    public void preModerate(UUID categoryId, boolean preModerated) {
        setup.preModerate(categoryId, preModerated);
    }

    /** Posts an idea as the author and returns its public number. */
    public long submit(UUID authorId, UUID categoryId, String title, String markdown) {
        return portal.submit(authorId, categoryId, title, markdown);
    }

    public void vote(long number, UUID accountId, int value) {
        portal.vote(number, accountId, value);
    }

    public void changeStatus(long number, IdeaStatus status, String explanation, UUID staffId) {
        portal.changeStatus(number, status, explanation, staffId);
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
}
