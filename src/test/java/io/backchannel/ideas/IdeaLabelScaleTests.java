package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.IntegrationTest;
import io.backchannel.ideas.internal.IdeaFinder;
import io.backchannel.ideas.internal.IdeaLabels;
import io.backchannel.ideas.internal.IdeaQuery;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tag and language filters over many ideas count exactly, alone and combined with a board; and the popular tags and
 * present languages the list offers. How fast they answer at 100,000 ideas is measured by {@code bench/ideas.sh}, not
 * here: timings in tests only measure how busy the machine is.
 */
@IntegrationTest
class IdeaLabelScaleTests {

    static final int IDEAS = 21_000;

    @Autowired
    IdeasManagement ideas;

    @Autowired
    IdeaFinder finder;

    @Autowired
    IdeaLabels labels;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void tagAndLanguageFiltersCountExactlyOverManyIdeas() {
        String m = UUID.randomUUID().toString().substring(0, 8);
        UUID board = ideas.createCategory("scale-" + m, "Scale " + m, "", false);
        transactions.executeWithoutResult(tx -> {
            fill(board, m);
            for (String tag : new String[] {"rare-" + m, "common-" + m}) {
                for (var sort : new IdeaQuery.Sort[] {IdeaQuery.Sort.HOT, IdeaQuery.Sort.TOP, IdeaQuery.Sort.NEW}) {
                    var query = new IdeaQuery(sort, null, null, "", null, null, tag, null);
                    long total = finder.page(query, 1).total();
                    assertThat(total).isEqualTo(tag.startsWith("rare") ? IDEAS / 1000 : IDEAS / 3);
                }
            }
            var combined = new IdeaQuery(IdeaQuery.Sort.HOT, "scale-" + m, null, "", null, null, "rare-" + m, "de");
            assertThat(finder.page(combined, 1).total()).isEqualTo(IDEAS / 7000);
            assertThat(labels.languages()).contains("de", "en");
            assertThat(labels.popularTags()).hasSizeGreaterThanOrEqualTo(2);
            tx.setRollbackOnly();
        });
    }

    /** Every third idea has the common tag, every thousandth the rare one; every seventh is German. */
    private void fill(UUID board, String m) {
        jdbc.sql(
                        """
                        insert into ideas_idea (title, body_markdown, body_html, category_id, author_id, hot, language)
                        select 'Scale idea ' || n, 'Body ' || n, '<p>Body</p>', ?, gen_random_uuid(), random(),
                               case when n % 7 = 0 then 'de' else 'en' end
                        from generate_series(1, ?) n""")
                .params(board, IDEAS)
                .update();
        for (String[] tag : new String[][] {{"rare-" + m, "1000"}, {"common-" + m, "3"}}) {
            jdbc.sql(
                            """
                            with tag as (insert into ideas_tag (name, uses) values (?, ?) returning id),
                            numbered as (select id, row_number() over (order by number) as n from ideas_idea
                                         where category_id = ?)
                            insert into ideas_idea_tag (idea_id, tag_id)
                            select numbered.id, tag.id from numbered, tag where numbered.n % ? = 0""")
                    .params(tag[0], IDEAS / Integer.parseInt(tag[1]), board, Integer.parseInt(tag[1]))
                    .update();
        }
        jdbc.sql("analyze ideas_idea").update();
        jdbc.sql("analyze ideas_idea_tag").update();
        jdbc.sql("analyze ideas_tag").update();
    }
}
