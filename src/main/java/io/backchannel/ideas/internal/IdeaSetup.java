package io.backchannel.ideas.internal;

import io.backchannel.ideas.BoardSummary;
import io.backchannel.system.NotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Boards of the portal, and demo data's history, behind the module facade. */
@Service
@Transactional
public class IdeaSetup {

    private final Categories categories;
    private final JdbcClient jdbc;
    private final VoteBudgets budgets;

    IdeaSetup(Categories categories, JdbcClient jdbc, VoteBudgets budgets) {
        this.categories = categories;
        this.jdbc = jdbc;
        this.budgets = budgets;
    }

    @Transactional(readOnly = true)
    public boolean hasCategories() {
        return !categories.all().isEmpty();
    }

    @Transactional(readOnly = true)
    public List<BoardSummary> boards() {
        return categories.all().stream()
                .map(category -> new BoardSummary(category.id(), category.slug(), category.name()))
                .toList();
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

    /** Moves an idea's submission into the past, so that demo data shows ideas of different ages. */
    public void backdate(long number, Duration age) {
        jdbc.sql("update ideas_idea set created_at = created_at - make_interval(secs => ?) where number = ?")
                .params(age.toSeconds(), number)
                .update();
    }

    /** Limits each person to this many votes on the board's open ideas; null lifts the limit. */
    public void setVoteBudget(UUID categoryId, @org.jspecify.annotations.Nullable Integer budget) {
        categories.byId(categoryId).orElseThrow(() -> new NotFoundException("category " + categoryId));
        budgets.set(categoryId, budget);
    }
}
