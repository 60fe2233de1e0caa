package io.backchannel.listening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.channels.ReplyRequested;
import io.backchannel.identity.Role;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Crisis mode: a topic with a holding statement, its conversations flagged and answered in bulk, all logged. */
@IntegrationTest
@RecordApplicationEvents
class CrisisTests extends ListeningIntegrationTest {

    @Autowired
    ApplicationEvents events;

    String topic() {
        return "outage" + marker;
    }

    UUID conversation(String text) {
        return capture(heard("x-" + UUID.randomUUID(), null, "@p" + UUID.randomUUID(), text));
    }

    Document page(MockHttpSession session, String path) throws Exception {
        return Jsoup.parse(mvc.perform(get(path).session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    String start(MockHttpSession session, String statementEn, String statementDe, String url) throws Exception {
        return mvc.perform(post("/workspace/crisis")
                        .session(session)
                        .with(csrf())
                        .param("topic", "#" + topic())
                        .param("statementEn", statementEn)
                        .param("statementDe", statementDe)
                        .param("incidentUrl", url))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
    }

    List<String> replies(UUID conversation) {
        return jdbc.sql("select text from listening_message where conversation_id = ? and kind = 'REPLY'")
                .param(conversation)
                .query(String.class)
                .list();
    }

    @Test
    void bulkAnswerRepliesToExactlyTheChosenConversationsOfTheTopicInTheirLanguage() throws Exception {
        supportByDefault();
        UUID german = conversation("Mein Router ist kaputt #" + topic());
        jdbc.sql("update listening_conversation set language = 'de' where id = ?")
                .param(german)
                .update();
        UUID english = conversation("My router is down #" + topic());
        UUID notChosen = conversation("Still no internet #" + topic());
        UUID otherTopic = conversation("Nice new feature #unrelated" + marker);
        var session = TestAccounts.login(mvc, staffEmail);
        String crisis = start(
                session,
                "We know about the outage and are working on it.",
                "Wir kennen die Störung und arbeiten daran.",
                "https://blog.example/incidents/42");

        assertThat(page(session, "/workspace/inbox").select("table.inbox tr").stream()
                        .filter(row -> row.text().contains("#" + topic()))
                        .allMatch(row -> !row.select(".crisis-flag").isEmpty()))
                .isTrue();
        assertThat(page(session, "/workspace/inbox/" + german).select(".crisis-notice"))
                .isNotEmpty();
        assertThat(page(session, "/workspace/inbox/" + otherTopic).select(".crisis-notice"))
                .isEmpty();

        var confirm = Jsoup.parse(mvc.perform(post(crisis + "/confirm")
                        .session(session)
                        .with(csrf())
                        .param("conversation", german.toString(), english.toString(), otherTopic.toString()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(confirm.select("form.answer-all input[name=conversation]").eachAttr("value"))
                .containsExactlyInAnyOrder(german.toString(), english.toString());

        mvc.perform(post(crisis + "/answer")
                        .session(session)
                        .with(csrf())
                        .param("conversation", german.toString(), english.toString(), otherTopic.toString()))
                .andExpect(status().is3xxRedirection());
        assertThat(replies(german))
                .containsExactly("Wir kennen die Störung und arbeiten daran.\n\nhttps://blog.example/incidents/42");
        assertThat(replies(english))
                .containsExactly(
                        "We know about the outage and are working on it.\n\nhttps://blog.example/incidents/42");
        assertThat(replies(notChosen)).isEmpty();
        assertThat(replies(otherTopic)).isEmpty();
        assertThat(events.stream(ReplyRequested.class).filter(e -> e.text().contains("incidents/42")))
                .hasSize(2);

        // Once per crisis: a second run answers nobody twice.
        mvc.perform(post(crisis + "/answer").session(session).with(csrf()).param("conversation", german.toString()))
                .andExpect(status().is3xxRedirection());
        assertThat(replies(german)).hasSize(1);

        mvc.perform(post(crisis + "/end").session(session).with(csrf())).andExpect(status().is3xxRedirection());
        var log = page(session, crisis).select("ol.history").text();
        assertThat(log)
                .contains(
                        "Crisis mode started for #" + topic(),
                        "Answered with the holding statement: 2/3",
                        "Crisis mode ended");
        assertThat(log).contains("by agent");
        assertThat(page(session, "/workspace/inbox/" + german).select(".crisis-notice"))
                .isEmpty();
    }

    @Test
    void refusesAnEmptyOrHugeStatementAndAScriptLink() throws Exception {
        var session = TestAccounts.login(mvc, staffEmail);
        var refused = Jsoup.parse(mvc.perform(post("/workspace/crisis")
                        .session(session)
                        .with(csrf())
                        .param("topic", "<script>alert(1)</script>")
                        .param("statementEn", " ")
                        .param("statementDe", "x".repeat(10_000))
                        .param("incidentUrl", "javascript:alert(1)"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(refused.select("#topic-error").text())
                .isEqualTo("Please enter one hashtag: letters, digits, - and _ only.");
        assertThat(refused.select("#statementEn-error").text()).isEqualTo("Please fill in this field.");
        assertThat(refused.select("#statementDe-error").text()).startsWith("Too long");
        assertThat(refused.select("#incidentUrl-error").text()).contains("https://");
        assertThat(refused.select("#topic").attr("aria-describedby")).contains("topic-error");
        assertThat(refused.select("script:not([src])")).isEmpty();
        assertThat(jdbc.sql("select count(*) from listening_crisis where statement_de like 'xxx%'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void hostileStatementIsShownAsTextAndATopicIsInCrisisOnlyOnce() throws Exception {
        var session = TestAccounts.login(mvc, staffEmail);
        String hostile = "<script>alert(1)</script><img src=x onerror=alert(2)><svg onload=alert(3)>";
        String crisis = start(session, hostile, "", "");
        var page = page(session, crisis);
        assertThat(page.select("dd.statement[lang=en]").text()).isEqualTo(hostile);
        assertThat(page.select("main script, main img, main svg, [onerror], [onload]"))
                .isEmpty();

        var again = Jsoup.parse(mvc.perform(post("/workspace/crisis")
                        .session(session)
                        .with(csrf())
                        .param("topic", topic().toUpperCase())
                        .param("statementEn", "Again"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(again.select("#topic-error").text()).isEqualTo("This topic is in crisis mode already.");
    }

    @Test
    void customersCannotStartOrAnswerACrisis() throws Exception {
        var staffSession = TestAccounts.login(mvc, staffEmail);
        supportByDefault();
        UUID waiting = conversation("Down again #" + topic());
        String crisis = start(staffSession, "We are on it.", "", "");
        var customer = TestAccounts.login(mvc, TestAccounts.create(identity, "customer", Role.CUSTOMER));
        mvc.perform(get("/workspace/crisis").session(customer)).andExpect(status().isForbidden());
        mvc.perform(post("/workspace/crisis")
                        .session(customer)
                        .with(csrf())
                        .param("topic", "hijack" + marker)
                        .param("statementEn", "Hi"))
                .andExpect(status().isForbidden());
        mvc.perform(post(crisis + "/answer").session(customer).with(csrf()).param("conversation", waiting.toString()))
                .andExpect(status().isForbidden());
        assertThat(replies(waiting)).isEmpty();
    }
}
