package io.backchannel.ideas.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The list's full-text search must be able to reach comments through their partial GIN index: the query has to repeat
 * the index's condition on hidden comments and use the indexed expression. With only a few thousand rows PostgreSQL
 * rightly prefers a sequential scan, so the test forbids that to see whether the index applies at all. (On 20,000
 * ideas with 300,000 comments the planner picks both bitmap index scans on its own: a rare word takes a few ms.)
 */
@IntegrationTest
class CommentSearchPlanTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdeaSetup setup;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void searchUsesTheCommentIndexAmongThousandsOfComments() {
        UUID board = setup.createCategory("plan-" + UUID.randomUUID().toString().substring(0, 8), "Plan", "", false);
        UUID author = UUID.randomUUID();
        jdbc.sql(
                        """
                        insert into ideas_idea (title, body_markdown, body_html, category_id, author_id)
                        select 'Generated idea ' || n, md5(n::text), '', ?, ? from generate_series(1, 200) n""")
                .params(board, author)
                .update();
        jdbc.sql(
                        """
                        insert into ideas_comment (idea_id, author_id, body_markdown, body_html)
                        select i.id, ?, 'Comment ' || md5(n::text) || ' about tents and ' || md5((n * 7)::text), ''
                        from (select id, row_number() over () as r from ideas_idea where category_id = ?) i
                        join generate_series(1, 5000) n on n % 200 = i.r - 1""")
                .params(author, board)
                .update();
        jdbc.sql("analyze ideas_comment").update();
        jdbc.sql("analyze ideas_idea").update();

        var query = new IdeaQuery(IdeaQuery.Sort.HOT, null, null, "Fahrrad", null, null);
        String plan = transactions.execute(status -> {
            jdbc.sql("set local enable_seqscan = off").update();
            return String.join(
                    "\n",
                    jdbc.sql("explain select i.id from ideas_idea i join ideas_category c on c.id = i.category_id"
                                    + query.where() + " order by " + query.sort().orderBy + " limit 25")
                            .params(query.parameters())
                            .query(String.class)
                            .list());
        });

        assertThat(plan)
                .contains("Bitmap Index Scan on ideas_comment_search_idx", "Bitmap Index Scan on ideas_idea_search_idx")
                .doesNotContain("Seq Scan on ideas_comment");
    }
}
