package io.backchannel.ideas.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The list's full-text search reads each idea's search document (V15: its own words and its visible comments'). A rare
 * word must be found through the document's GIN index; a common one by walking the list in its order, which {@link
 * Ideas#searchInListOrder} forces. With only a few thousand rows PostgreSQL rightly prefers sequential scans, so the
 * test forbids those (and the other kind of index path) to see whether the intended index applies.
 */
@IntegrationTest
class SearchPlanTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdeaSetup setup;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void rareWordsAreReadFromTheIndexAndCommonWordsInListOrder() {
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
        jdbc.sql("analyze ideas_search").update();
        jdbc.sql("analyze ideas_idea").update();

        assertThat(plan("Fahrrad", false))
                .contains("Bitmap Index Scan on ideas_search_doc_idx")
                .doesNotContain("Seq Scan on ideas_search");
        assertThat(plan("tents", true))
                .contains("Index Scan using ideas_idea_hot_idx")
                .doesNotContain("Bitmap");
    }

    private String plan(String text, boolean inListOrder) {
        var query = new IdeaQuery(IdeaQuery.Sort.HOT, null, null, text, null, null);
        return transactions.execute(status -> {
            jdbc.sql("set local enable_seqscan = off").update();
            // Of the index paths, leave only the one each search is meant to take.
            jdbc.sql(inListOrder ? "set local enable_bitmapscan = off" : "set local enable_indexscan = off")
                    .update();
            return String.join(
                    "\n",
                    jdbc.sql("explain select i.id from ideas_idea i join ideas_category c on c.id = i.category_id"
                                    + query.where() + " order by " + query.sort().orderBy + " limit 25")
                            .params(query.parameters())
                            .query(String.class)
                            .list());
        });
    }
}
