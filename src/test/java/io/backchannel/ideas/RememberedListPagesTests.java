package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The anonymous list is rendered once per content: whatever changes the content must show on the next view. */
@IntegrationTest
class RememberedListPagesTests {

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
        slug = "pages-" + UUID.randomUUID().toString().substring(0, 8);
        board = ideas.createCategory(slug, "Pages " + slug, "", false);
        author = account("author", Role.CUSTOMER);
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

    private static org.jsoup.nodes.Element item(Document list, long number) {
        var link = list.selectFirst("a[href$=/ideas/" + number + "]");
        assertThat(link).isNotNull();
        return java.util.Objects.requireNonNull(link.closest("li"));
    }

    private UUID account(String prefix, Role role) {
        String email = TestAccounts.create(identity, prefix, role);
        return jdbc.sql("select id from identity_account where email = ?")
                .param(email)
                .query(UUID.class)
                .single();
    }
}
