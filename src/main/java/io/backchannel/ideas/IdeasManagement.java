package io.backchannel.ideas;

import io.backchannel.ideas.internal.IdeaPortal;
import io.backchannel.ideas.internal.IdeaSetup;
import java.util.List;
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
}
