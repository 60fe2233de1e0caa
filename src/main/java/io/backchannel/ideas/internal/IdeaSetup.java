package io.backchannel.ideas.internal;

import io.backchannel.system.NotFoundException;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Boards of the portal, behind the module facade. */
@Service
@Transactional
public class IdeaSetup {

    private final Categories categories;
    private final VoteBudgets budgets;

    IdeaSetup(Categories categories, VoteBudgets budgets) {
        this.categories = categories;
        this.budgets = budgets;
    }

    @Transactional(readOnly = true)
    public boolean hasCategories() {
        return !categories.all().isEmpty();
    }

    public UUID createCategory(String slug, String name, String description, boolean upVotesOnly) {
        return categories.create(slug, name, description, upVotesOnly);
    }

    /** Limits each person to this many votes on the board's open ideas; null lifts the limit. */
    public void setVoteBudget(UUID categoryId, @org.jspecify.annotations.Nullable Integer budget) {
        categories.byId(categoryId).orElseThrow(() -> new NotFoundException("category " + categoryId));
        budgets.set(categoryId, budget);
    }
}
