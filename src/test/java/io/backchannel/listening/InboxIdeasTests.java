package io.backchannel.listening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.ideas.IdeasManagement;
import io.backchannel.identity.Role;
import io.backchannel.listening.internal.InboxIdeas;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.access.AccessDeniedException;

/** Turning a conversation into an idea: once, on the chosen board, by the staff member, linked both ways. */
@IntegrationTest
class InboxIdeasTests extends ListeningIntegrationTest {

    @Autowired
    IdeasManagement ideas;

    @Autowired
    InboxIdeas inboxIdeas;

    UUID board;

    @BeforeEach
    void board() {
        board = ideas.createCategory("inbox-" + marker, "Inbox board " + marker, "", false);
        supportByDefault();
    }

    @Test
    void createsOneIdeaOnTheChosenBoardByTheStaffMemberLinkedBothWays() throws Exception {
        UUID conversation =
                capture(heard("i-" + marker, null, "@dana_secret", "Please add a dark mode to the app " + marker));
        var session = TestAccounts.login(mvc, staffEmail);
        var form = Jsoup.parse(open(session, "/workspace/inbox/" + conversation));
        assertThat(form.select("#idea-title").val()).startsWith("Please add a dark mode");
        assertThat(form.select("#idea-text").text()).startsWith("> Please add a dark mode");
        assertThat(form.select("#idea-board option").eachAttr("value")).contains(board.toString());

        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/workspace/inbox/" + conversation + "/idea")
                            .session(session)
                            .with(csrf())
                            .param("board", board.toString())
                            .param("title", "Dark mode " + marker)
                            .param("text", form.select("#idea-text").text())
                            .param("tell", "true"))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(flash().attribute(
                                    "flash", i == 0 ? "listening.idea.created-told" : "listening.idea.exists"));
        }

        long number = jdbc.sql("select idea_number from listening_idea_link where conversation_id = ?")
                .param(conversation)
                .query(Long.class)
                .single();
        assertThat(jdbc.sql("select count(*) from ideas_idea where title = ?")
                        .param("Dark mode " + marker)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select author_id::text || ' ' || category_id::text from ideas_idea where number = ?")
                        .param(number)
                        .query(String.class)
                        .single())
                .isEqualTo(staff + " " + board);
        assertThat(jdbc.sql("select n.body_markdown from ideas_note n join ideas_idea i on i.id = n.idea_id"
                                + " where i.number = ?")
                        .param(number)
                        .query(String.class)
                        .single())
                .contains("/workspace/inbox/" + conversation);
        assertThat(jdbc.sql("select text from listening_message where conversation_id = ? and kind = 'REPLY'")
                        .param(conversation)
                        .query(String.class)
                        .list())
                .singleElement()
                .asString()
                .contains("/ideas/" + number);

        var shown = Jsoup.parse(open(session, "/workspace/inbox/" + conversation));
        assertThat(shown.select(".idea-link a").attr("href")).isEqualTo("/ideas/" + number);
        assertThat(shown.select(".idea-link a").text()).isEqualTo("Idea #" + number);
        assertThat(shown.select("#idea-title")).isEmpty();

        String publicIdea = mvc.perform(get("/ideas/" + number))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(publicIdea).contains("Please add a dark mode").doesNotContain("dana_secret", "/workspace/inbox");
    }

    @Test
    void customersAndAnonymousCannotTurnConversationsIntoIdeas() throws Exception {
        UUID conversation = capture(heard("c-" + marker, null, "@kim", "An idea " + marker));
        String customerEmail = TestAccounts.create(identity, "customer", Role.CUSTOMER);
        var customer = TestAccounts.login(mvc, customerEmail);
        mvc.perform(post("/workspace/inbox/" + conversation + "/idea")
                        .session(customer)
                        .with(csrf())
                        .param("board", board.toString())
                        .param("title", "Mine")
                        .param("text", "Mine"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/workspace/inbox/" + conversation + "/idea")
                        .with(csrf())
                        .param("board", board.toString())
                        .param("title", "Mine")
                        .param("text", "Mine"))
                .andExpect(status().is3xxRedirection());
        assertThatThrownBy(() -> inboxIdeas.create(
                        conversation, board, "Mine", "Mine", false, TestAccounts.id(jdbc, customerEmail)))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(jdbc.sql("select count(*) from listening_idea_link where conversation_id = ?")
                        .param(conversation)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void refusesBadInputAndRendersHostileTextHarmlessly() throws Exception {
        UUID conversation = capture(heard("h-" + marker, null, "@mallory", InboxPagesTests.HOSTILE));
        var session = TestAccounts.login(mvc, staffEmail);
        var page = Jsoup.parse(open(session, "/workspace/inbox/" + conversation));
        assertThat(page.select("script:containsData(alert)")).isEmpty();
        assertThat(page.select("[onerror], [onload]")).isEmpty();

        refused(session, conversation, board.toString(), " ", "text", "listening.idea.empty");
        refused(session, conversation, board.toString(), "title", "x".repeat(10_001), "listening.idea.too-long");
        refused(session, conversation, "not-a-board", "title", "text", "listening.idea.board-invalid");
        refused(session, conversation, UUID.randomUUID().toString(), "title", "text", "listening.idea.board-invalid");
        mvc.perform(post("/workspace/inbox/" + UUID.randomUUID() + "/idea")
                        .session(session)
                        .with(csrf())
                        .param("board", board.toString())
                        .param("title", "t")
                        .param("text", "t"))
                .andExpect(status().isNotFound());

        mvc.perform(post("/workspace/inbox/" + conversation + "/idea")
                        .session(session)
                        .with(csrf())
                        .param("board", board.toString())
                        .param("title", "<script>alert(1)</script> Hostile " + marker)
                        .param("text", "> " + InboxPagesTests.HOSTILE))
                .andExpect(flash().attribute("flash", "listening.idea.created"));
        long number = jdbc.sql("select idea_number from listening_idea_link where conversation_id = ?")
                .param(conversation)
                .query(Long.class)
                .single();
        var idea = Jsoup.parse(open(session, "/ideas/" + number));
        assertThat(idea.select("script:containsData(alert)")).isEmpty();
        assertThat(idea.select("[onerror], [onload], a[href^=javascript]")).isEmpty();
        assertThat(idea.text()).contains("<script>alert(1)</script> Hostile");
    }

    private void refused(
            MockHttpSession session, UUID conversation, String board, String title, String text, String key)
            throws Exception {
        mvc.perform(post("/workspace/inbox/" + conversation + "/idea")
                        .session(session)
                        .with(csrf())
                        .param("board", board)
                        .param("title", title)
                        .param("text", text))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashError", key));
    }
}
