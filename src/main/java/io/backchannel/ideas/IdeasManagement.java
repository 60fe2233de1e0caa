package io.backchannel.ideas;

import io.backchannel.ideas.internal.IdeaPortal;
import io.backchannel.ideas.internal.IdeaSetup;
import io.backchannel.ideas.internal.StormSessions;
import io.backchannel.ideas.internal.Storms;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** What other modules may ask of or tell the ideas portal. */
@Service
public class IdeasManagement {

    private final IdeaSetup setup;
    private final IdeaPortal portal;
    private final StormSessions storms;

    IdeasManagement(IdeaSetup setup, IdeaPortal portal, StormSessions storms) {
        this.setup = setup;
        this.portal = portal;
        this.storms = storms;
    }

    public boolean hasCategories() {
        return setup.hasCategories();
    }

    /** Creates a board; {@code upVotesOnly} boards take promotes but no demotes. */
    public UUID createCategory(String slug, String name, String description, boolean upVotesOnly) {
        return setup.createCategory(slug, name, description, upVotesOnly);
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

    public void comment(long number, UUID authorId, String markdown) {
        portal.comment(number, authorId, markdown, false);
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
        return storms.submit(storm, authorId, categoryId, title, markdown);
    }

    /** Moves a storm session's time window, e.g. to end it early. */
    public void rescheduleStorm(String storm, Instant startsAt, Instant endsAt) {
        storms.reschedule(storm, startsAt, endsAt);
    }
}
