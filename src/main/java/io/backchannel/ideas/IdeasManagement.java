package io.backchannel.ideas;

import io.backchannel.ideas.internal.IdeaPortal;
import io.backchannel.ideas.internal.IdeaSetup;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** What other modules may ask of or tell the ideas portal. */
@Service
public class IdeasManagement {

    private final IdeaSetup setup;
    private final IdeaPortal portal;

    IdeasManagement(IdeaSetup setup, IdeaPortal portal) {
        this.setup = setup;
        this.portal = portal;
    }

    public boolean hasCategories() {
        return setup.hasCategories();
    }

    /** Creates a board; {@code upVotesOnly} boards take promotes but no demotes. */
    public UUID createCategory(String slug, String name, String description, boolean upVotesOnly) {
        return setup.createCategory(slug, name, description, upVotesOnly);
    }

    /** Limits each person to this many votes on the board's open ideas; null lifts the limit. */
    public void setVoteBudget(UUID categoryId, @org.jspecify.annotations.Nullable Integer budget) {
        setup.setVoteBudget(categoryId, budget);
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
}
