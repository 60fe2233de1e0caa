package io.backchannel.ideas.internal;

import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Boards of the portal, behind the module facade. */
@Service
@Transactional
public class IdeaSetup {

    private final Categories categories;

    IdeaSetup(Categories categories) {
        this.categories = categories;
    }

    @Transactional(readOnly = true)
    public boolean hasCategories() {
        return !categories.all().isEmpty();
    }

    public UUID createCategory(String slug, String name, String description, boolean upVotesOnly) {
        return createCategory(slug, name, description, upVotesOnly, false);
    }

    /** A board whose new ideas wait for staff approval when {@code preModerated}. */
    public UUID createCategory(
            String slug, String name, String description, boolean upVotesOnly, boolean preModerated) {
        return categories.create(slug, name, description, upVotesOnly, preModerated);
    }

    public void preModerate(UUID categoryId, boolean preModerated) {
        categories.preModerate(categoryId, preModerated);
    }
}
