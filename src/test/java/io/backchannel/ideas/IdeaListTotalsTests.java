package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.ideas.internal.IdeaFinder.IdeaCard;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import io.backchannel.system.ListPage;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** List totals are remembered between page views; whatever changes a list must show in its total at once. */
@IntegrationTest
class IdeaListTotalsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityManagement identity;

    @Autowired
    IdeasManagement ideas;

    @Autowired
    JdbcClient jdbc;

    String slug;
    UUID board;
    UUID author;

    @BeforeEach
    void board() {
        slug = "totals-" + UUID.randomUUID().toString().substring(0, 8);
        board = ideas.createCategory(slug, "Totals " + slug, "", false);
        author = account("author", Role.CUSTOMER);
    }

    @Test
    void totalFollowsPostedAnsweredMovedAndRemovedIdeasAtOnce() throws Exception {
        assertThat(page("category=" + slug).total()).isZero();
        long first = ideas.submit(author, board, "Lighter tent pegs", "Titanium ones.");
        assertThat(page("category=" + slug).total()).isEqualTo(1);
        long second = ideas.submit(author, board, "Repair kit in every tent", "Patches and glue.");
        assertThat(page("category=" + slug).total()).isEqualTo(2);
        assertThat(page("category=" + slug + "&status=NEW").total()).isEqualTo(2);
        assertThat(page("category=" + slug + "&q=pegs").total()).isEqualTo(1);
        ideas.submit(author, board, "Pegs that glow in the dark", "Easier to find at night.");
        assertThat(page("category=" + slug + "&q=pegs").total()).isEqualTo(2);
        jdbc.sql("delete from ideas_idea where title = 'Pegs that glow in the dark' and category_id = ?")
                .param(board)
                .update();
        assertThat(page("category=" + slug + "&q=pegs").total()).isEqualTo(1);

        ideas.changeStatus(first, IdeaStatus.PLANNED, "", account("staff", Role.STAFF));
        assertThat(page("category=" + slug + "&status=NEW").total()).isEqualTo(1);
        assertThat(page("category=" + slug + "&status=PLANNED").total()).isEqualTo(1);

        // Changes made elsewhere than in IdeaPortal, straight in SQL, are seen as well.
        UUID other = ideas.createCategory(slug + "-b", "Other " + slug, "", false);
        assertThat(page("category=" + slug + "-b").total()).isZero();
        jdbc.sql("update ideas_idea set category_id = ? where number = ?")
                .params(other, second)
                .update();
        assertThat(page("category=" + slug).total()).isEqualTo(1);
        assertThat(page("category=" + slug + "-b").total()).isEqualTo(1);
        jdbc.sql("delete from ideas_idea where number = ?").param(second).update();
        assertThat(page("category=" + slug + "-b").total()).isZero();
    }

    @Test
    void votesKeepTheRememberedTotalsButTheirCountsShowAtOnce() throws Exception {
        long number = ideas.submit(author, board, "Bigger zips on gloves", "For cold fingers.");
        assertThat(page("category=" + slug).total()).isEqualTo(1);
        long version = listVersion();

        ideas.vote(number, account("voter", Role.CUSTOMER), 1);

        assertThat(listVersion()).isEqualTo(version);
        var card = page("category=" + slug).items().getFirst();
        assertThat(card.score()).isEqualTo(2);
        assertThat(page("category=" + slug).total()).isEqualTo(1);
    }

    @Test
    void laterPagesCountTheCommentsOfTheirOwnIdeas() throws Exception {
        for (int i = 1; i <= ListPage.DEFAULT_SIZE + 2; i++) {
            ideas.submit(author, board, "Idea number " + i, "text " + i);
        }
        var first = page("category=" + slug + "&sort=NEW");
        var second = page("category=" + slug + "&sort=NEW&page=2");
        assertThat(second.total()).isEqualTo(ListPage.DEFAULT_SIZE + 2);
        assertThat(second.items()).hasSize(2);
        assertThat(second.items())
                .extracting(IdeaCard::number)
                .doesNotContainAnyElementsOf(
                        first.items().stream().map(IdeaCard::number).toList());
        long oldest = second.items().getLast().number();
        for (int i = 0; i < 3; i++) {
            jdbc.sql(
                            """
                            insert into ideas_comment (idea_id, author_id, body_markdown, body_html)
                            select id, author_id, 'Yes', '<p>Yes</p>' from ideas_idea where number = ?""")
                    .param(oldest)
                    .update();
        }
        var again = page("category=" + slug + "&sort=NEW&page=2");
        assertThat(again.items())
                .extracting(IdeaCard::number, IdeaCard::comments)
                .contains(tuple(oldest, 3));
        assertThat(again.items().getFirst().comments()).isZero();
    }

    @SuppressWarnings("unchecked")
    private ListPage<IdeaCard> page(String query) throws Exception {
        var model = mvc.perform(get("/ideas?" + query)).andReturn().getModelAndView();
        return (ListPage<IdeaCard>) Objects.requireNonNull(model).getModel().get("ideas");
    }

    private long listVersion() {
        return jdbc.sql("select version from ideas_list_version")
                .query(Long.class)
                .single();
    }

    private UUID account(String prefix, Role role) {
        String email = TestAccounts.create(identity, prefix, role);
        return jdbc.sql("select id from identity_account where email = ?")
                .param(email)
                .query(UUID.class)
                .single();
    }
}
