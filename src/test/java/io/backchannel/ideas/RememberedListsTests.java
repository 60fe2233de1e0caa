package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.ideas.internal.IdeaFinder.IdeaCard;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import io.backchannel.system.ListPage;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * List totals are remembered between page views (IdeaCounts): whatever changes a list must show at once, on the
 * page, for anonymous and signed-in visitors alike.
 */
@IntegrationTest
class RememberedListsTests {

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
        slug = "lists-" + UUID.randomUUID().toString().substring(0, 8);
        board = ideas.createCategory(slug, "Lists " + slug, "", false);
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

    @Test
    void votesCommentsNewIdeasAndRenamedAuthorsShowAtOnce() throws Exception {
        long number = ideas.submit(author, board, "Warmer sleeping bags", "For winter.");
        assertThat(score(list(), number)).isEqualTo("1");
        assertThat(score(list(), number)).isEqualTo("1");
        assertThat(card(list(), number)).contains("no comments");

        ideas.vote(number, account("voter", Role.CUSTOMER), 1);
        assertThat(score(list(), number)).isEqualTo("2");

        jdbc.sql(
                        """
                        insert into ideas_comment (idea_id, author_id, body_markdown, body_html)
                        select id, author_id, 'Yes', '<p>Yes</p>' from ideas_idea where number = ?""")
                .param(number)
                .update();
        assertThat(card(list(), number)).contains("one comment");

        jdbc.sql("update identity_account set display_name = 'Renamed Rita' where id = ?")
                .param(author)
                .update();
        assertThat(card(list(), number)).contains("Renamed Rita");

        ideas.submit(author, board, "Longer tent poles", "For tall people.");
        assertThat(list().text()).contains("Longer tent poles").contains("Warmer sleeping bags");
    }

    @Test
    void signedInVisitorsAndOtherLanguagesGetTheirOwnPage() throws Exception {
        ideas.submit(author, board, "Spare buckles", "They break.");
        assertThat(list().getElementById("mine")).isNull();
        assertThat(list().selectFirst("h1").text()).isEqualTo("Ideas");

        var german = Jsoup.parse(html(get("/ideas?category=" + slug).header("Accept-Language", "de")));
        assertThat(german.selectFirst("h1").text()).isEqualTo("Ideen");

        MockHttpSession session = TestAccounts.login(mvc, TestAccounts.create(identity, "member", Role.CUSTOMER));
        var signedIn = Jsoup.parse(html(get("/ideas?category=" + slug).session(session)));
        assertThat(signedIn.getElementById("mine")).isNotNull();
        assertThat(list().getElementById("mine")).isNull();
    }

    private Document list() throws Exception {
        return Jsoup.parse(html(get("/ideas?category=" + slug)));
    }

    private String html(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private static String card(Document list, long number) {
        return item(list, number).text();
    }

    private static String score(Document list, long number) {
        return item(list, number).select(".score span").text();
    }

    private static Element item(Document list, long number) {
        var link = list.selectFirst("a[href$=/ideas/" + number + "]");
        assertThat(link).isNotNull();
        return java.util.Objects.requireNonNull(link.closest("li"));
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
        return identity.createAccount(TestAccounts.email(prefix), prefix, TestAccounts.PASSWORD, Set.of(role), "en");
    }
}
