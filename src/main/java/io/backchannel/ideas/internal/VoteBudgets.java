package io.backchannel.ideas.internal;

import io.backchannel.ideas.IdeaStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Vote budgets: a board may allow each person only so many votes at a time. Only votes on the board's open ideas
 * count, so a vote comes back when its idea is closed; the promote that comes with submitting one's own idea is free.
 */
@Repository
public class VoteBudgets {

    private static final List<String> CLOSED = Arrays.stream(IdeaStatus.values())
            .filter(IdeaStatus::closed)
            .map(Enum::name)
            .toList();

    private final JdbcClient jdbc;

    VoteBudgets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sets the board's budget; null lifts it. */
    void set(UUID categoryId, @Nullable Integer budget) {
        jdbc.sql("update ideas_category set vote_budget = ? where id = ?")
                .params(budget, categoryId)
                .update();
    }

    /**
     * Serialises the budget checks of one person on one board until the transaction ends, so that parallel votes on
     * different ideas cannot each see the same last free vote.
     */
    void lock(UUID accountId, UUID categoryId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param("ideas-vote-budget:" + accountId + ':' + categoryId)
                .query((rs, row) -> 1)
                .single();
    }

    /** The votes the person holds on the board's open ideas of others. */
    int used(UUID accountId, UUID categoryId) {
        return jdbc.sql(
                        """
                        select count(*) from ideas_vote v join ideas_idea i on i.id = v.idea_id
                        where v.account_id = :account and i.category_id = :category and i.author_id <> :account
                        and i.status not in (:closed)""")
                .param("account", accountId)
                .param("category", categoryId)
                .param("closed", CLOSED)
                .query(Integer.class)
                .single();
    }

    /** The person's budget on the board with this address, if the board has one. */
    public Optional<Budget> onBoard(UUID accountId, String categorySlug) {
        return jdbc.sql("select id, vote_budget from ideas_category where slug = ? and vote_budget is not null")
                .param(categorySlug)
                .query((rs, row) -> java.util.Map.entry(rs.getObject("id", UUID.class), rs.getInt("vote_budget")))
                .optional()
                .map(board -> new Budget(board.getValue(), used(accountId, board.getKey())));
    }

    /** How many votes the board allows and how many the person holds there. */
    public record Budget(int limit, int used) {

        public int remaining() {
            return Math.max(0, limit - used);
        }
    }
}
