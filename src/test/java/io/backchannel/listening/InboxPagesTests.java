package io.backchannel.listening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.identity.Role;
import java.util.ArrayList;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/** The inbox pages: who may open them, filters, keyset pages, export, and every form's refusal of bad input. */
@IntegrationTest
class InboxPagesTests extends ListeningIntegrationTest {

    static final String HOSTILE =
            "<script>alert(1)</script><img src=x onerror=alert(2)><svg onload=alert(3)>[x](javascript:alert(4))";

    @Test
    void customersAndAnonymousReachNoneOfIt() throws Exception {
        supportByDefault();
        UUID conversation = capture(heard("s-" + marker, null, "@kim", "Secret customer complaint " + marker));
        var customer = TestAccounts.login(mvc, TestAccounts.create(identity, "customer", Role.CUSTOMER));
        var staffSession = TestAccounts.login(mvc, staffEmail);
        for (String page : new String[] {
            "/workspace/inbox",
            "/workspace/inbox/" + conversation,
            "/workspace/inbox/review",
            "/workspace/inbox/export.csv",
            "/admin/inbox/routing",
            "/admin/inbox/canned"
        }) {
            mvc.perform(get(page)).andExpect(status().is3xxRedirection());
            mvc.perform(get(page).session(customer)).andExpect(status().isForbidden());
        }
        for (String action : new String[] {"reply", "notes", "resolve", "reopen", "assign", "sentiment"}) {
            mvc.perform(post("/workspace/inbox/" + conversation + "/" + action)
                            .session(customer)
                            .with(csrf())
                            .param("text", "I am staff now")
                            .param("body", "I am staff now"))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get("/admin/inbox/routing").session(staffSession)).andExpect(status().isForbidden());
        mvc.perform(post("/admin/inbox/canned")
                        .session(staffSession)
                        .with(csrf())
                        .param("title", "x")
                        .param("language", "en")
                        .param("body", "x"))
                .andExpect(status().isForbidden());
        assertThat(messages(conversation)).isEqualTo(1);
    }

    @Test
    void inboxFiltersAndPagesByKeysetWithoutRepeatingOrLosingConversations() throws Exception {
        supportByDefault();
        var ids = new ArrayList<String>();
        for (int i = 0; i < 55; i++) {
            ids.add(capture(heard("k" + i + "-" + marker, null, "@page" + i, "Paging question " + i + " zz" + marker))
                    .toString());
        }
        var session = TestAccounts.login(mvc, staffEmail);
        var first = Jsoup.parse(page(session, "/workspace/inbox?scope=all&q=zz" + marker));
        var seen = new ArrayList<String>(first.select("table.inbox tbody tr a").eachAttr("href"));
        assertThat(seen).hasSize(50);
        String next = first.select("a[rel=next]").attr("href");
        assertThat(next).contains("after=");
        var second = Jsoup.parse(page(session, next));
        seen.addAll(second.select("table.inbox tbody tr a").eachAttr("href"));
        assertThat(second.select("a[rel=next]")).isEmpty();
        assertThat(seen).hasSize(55).doesNotHaveDuplicates();
        assertThat(seen.get(0)).endsWith(ids.get(54));

        var resolved = Jsoup.parse(page(session, "/workspace/inbox?scope=all&status=RESOLVED&q=zz" + marker));
        assertThat(resolved.select("table.inbox tbody tr")).isEmpty();
        var mine = Jsoup.parse(page(session, "/workspace/inbox?scope=mine&q=zz" + marker));
        assertThat(mine.select("table.inbox tbody tr")).hasSize(50);
        var negative = Jsoup.parse(page(session, "/workspace/inbox?scope=all&sentiment=NEGATIVE&q=zz" + marker));
        assertThat(negative.select("table.inbox tbody tr")).isEmpty();

        String csv = page(session, "/workspace/inbox/export.csv?scope=all&q=zz" + marker);
        assertThat(csv.lines()).hasSize(56);
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("id,channel,handle");
    }

    @Test
    void listRowsShowLabelsInThePagesLanguageAndAbbreviateLongSubjects() throws Exception {
        supportByDefault();
        String subject = "Billing question zr" + marker + " " + "very long words ".repeat(20);
        UUID routed = capture(heard("r-" + marker, null, "@lena", subject));
        UUID unrouted = capture(heard("u-" + marker, null, "@udo", "Second question zr" + marker));
        jdbc.sql("update listening_conversation set team_id = null, assignee_id = null, sla_state = 'BREACHED'"
                        + " where id = ?")
                .param(unrouted)
                .update();
        var session = TestAccounts.login(mvc, staffEmail);

        var english = Jsoup.parse(page(session, "/workspace/inbox?scope=all&q=zr" + marker));
        var rows = english.select("table.inbox tbody tr");
        assertThat(rows).hasSize(2);
        var unroutedRow = rows.get(0);
        assertThat(unroutedRow.select("a").attr("href")).isEqualTo("/workspace/inbox/" + unrouted);
        assertThat(unroutedRow.select("td").get(3).text()).isEqualTo("No team");
        assertThat(unroutedRow.select("td").get(4).text()).isEqualTo("Nobody");
        assertThat(unroutedRow.select("strong.tag.sla.danger").text()).isEqualTo("Overdue");
        var routedRow = rows.get(1);
        String shown = routedRow.select("a").text();
        assertThat(shown).hasSize(120).endsWith("...").startsWith("Billing question zr" + marker);
        assertThat(routedRow.select(".muted").first().text()).isEqualTo("Name of @lena @lena");
        assertThat(routedRow.select("td").get(2).select(".tag").first().text()).isEqualTo("Open");
        assertThat(routedRow.select("td").get(3).text()).isEqualTo("Support " + marker);
        assertThat(routedRow.select("strong.tag.sla")).isEmpty();
        assertThat(routedRow.select("time").attr("datetime")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        var german = Jsoup.parse(page(session, "/workspace/inbox?scope=all&q=zr" + marker + "&lang=de"));
        var first = german.select("table.inbox tbody tr").get(0);
        assertThat(first.select("td").get(2).select(".tag").first().text()).isEqualTo("Offen");
        assertThat(first.select("td").get(3).text()).isEqualTo("Kein Team");
        assertThat(first.select("td").get(4).text()).isEqualTo("Niemand");
        assertThat(first.select("strong.tag.sla.danger").text()).isEqualTo("Überfällig");
    }

    @Test
    void malformedFiltersAndCursorsShowAListNotAnError() throws Exception {
        var session = TestAccounts.login(mvc, staffEmail);
        page(
                session,
                "/workspace/inbox?scope=nonsense&status=%00&team=not-a-uuid&sentiment=<b>&after=garbage_x&q="
                        + "x".repeat(10_000));
        page(session, "/workspace/inbox?after=2026-01-01T00:00:00Z_" + UUID.randomUUID() + "&topic=" + HOSTILE);
        mvc.perform(get("/workspace/inbox/not-a-uuid").session(session)).andExpect(status().is4xxClientError());
        mvc.perform(get("/workspace/inbox/" + UUID.randomUUID()).session(session))
                .andExpect(status().isNotFound());
    }

    @Test
    void hugeAndHostileTextIsStoredWholeAndShownHarmlessly() throws Exception {
        supportByDefault();
        String huge = HOSTILE + " " + "long words ".repeat(20_000);
        UUID conversation = capture(heard("h-" + marker, null, "@mallory<script>", huge));
        assertThat(column(conversation, "length(subject)")).isEqualTo("200");
        assertThat(jdbc.sql("select length(text) from listening_message where conversation_id = ?")
                        .param(conversation)
                        .query(Integer.class)
                        .single())
                .isEqualTo(huge.length());
        var session = TestAccounts.login(mvc, staffEmail);
        String html = page(session, "/workspace/inbox/" + conversation);
        var document = Jsoup.parse(html);
        assertThat(document.select("script:containsData(alert)")).isEmpty();
        assertThat(document.select("[onerror], [onload], svg")).isEmpty();
        assertThat(document.select(".thread .text").text()).contains("<script>alert(1)</script>");
        String list = page(session, "/workspace/inbox?scope=all&q=long");
        assertThat(Jsoup.parse(list).select("[onerror], svg")).isEmpty();

        mvc.perform(post("/workspace/inbox/" + conversation + "/notes")
                .session(session)
                .with(csrf())
                .param("body", HOSTILE));
        var notes =
                Jsoup.parse(page(session, "/workspace/inbox/" + conversation)).select(".notes");
        assertThat(notes.select("script, img[onerror], svg, a[href^=javascript]"))
                .isEmpty();
    }

    @Test
    void conversationFormsRefuseBadInputWithAMessage() throws Exception {
        supportByDefault();
        UUID conversation = capture(heard("f-" + marker, null, "@nina", "A question about forms and fields."));
        var session = TestAccounts.login(mvc, staffEmail);
        String base = "/workspace/inbox/" + conversation;
        refused(session, base + "/reply", "text", "   ", "listening.reply.empty");
        refused(session, base + "/reply", "text", "x".repeat(10_000), "listening.reply.too-long");
        refused(session, base + "/notes", "body", "", "listening.note.empty");
        refused(session, base + "/notes", "body", "x".repeat(10_000), "listening.note.too-long");
        refused(session, base + "/assign", "team", "not-a-team", "listening.assign.invalid");
        refused(session, base + "/assign", "team", UUID.randomUUID().toString(), "listening.assign.invalid");
        refused(session, base + "/sentiment", "sentiment", "FURIOUS", "listening.review.invalid");
        refused(session, base + "/sentiment", "sentiment", "UNCLEAR", "listening.review.invalid");
        assertThat(messages(conversation)).isEqualTo(1);
        assertThat(column(conversation, "status")).isEqualTo("OPEN");
    }

    @Test
    void cannedReplyFillsTheComposerWithTheCustomersName() throws Exception {
        var admin = TestAccounts.login(mvc, TestAccounts.create(identity, "admin", Role.ADMIN));
        mvc.perform(post("/admin/inbox/canned")
                        .session(admin)
                        .with(csrf())
                        .param("title", "Thanks " + marker)
                        .param("language", "en")
                        .param("body", "Hello {name}, thank you for writing! – {agent}"))
                .andExpect(status().is3xxRedirection());
        UUID canned = jdbc.sql("select id from listening_canned_reply where title = ?")
                .param("Thanks " + marker)
                .query(UUID.class)
                .single();
        supportByDefault();
        UUID conversation = capture(heard("c-" + marker, null, "@olga", "Just wanted to say thanks for the help."));
        var session = TestAccounts.login(mvc, staffEmail);
        var page = Jsoup.parse(page(session, "/workspace/inbox/" + conversation + "?canned=" + canned));
        assertThat(page.select("#reply-text").text()).isEqualTo("Hello Name of @olga, thank you for writing! – agent");
        var unknown = page(session, "/workspace/inbox/" + conversation + "?canned=" + UUID.randomUUID());
        assertThat(unknown).contains("That canned reply no longer exists.");
    }

    @Test
    void adminFormsShowErrorsNextToTheirFields() throws Exception {
        var admin = TestAccounts.login(mvc, TestAccounts.create(identity, "admin", Role.ADMIN));
        var rule = Jsoup.parse(mvc.perform(post("/admin/inbox/routing")
                        .session(admin)
                        .with(csrf())
                        .param("name", "")
                        .param("language", "english")
                        .param("sentiment", "FURIOUS")
                        .param("keywords", "k".repeat(10_000))
                        .param("team", "nope"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(rule.select("#name-error").text()).isEqualTo("Please fill in this field.");
        assertThat(rule.select("#language-error").text()).contains("language code");
        assertThat(rule.select("#sentiment-error")).isNotEmpty();
        assertThat(rule.select("#keywords-error").text()).contains("Too long");
        assertThat(rule.select("#team-error")).isNotEmpty();
        assertThat(rule.select("#name").attr("aria-describedby")).isEqualTo("name-error");
        assertThat(routing.rules()).isEmpty();

        var canned = Jsoup.parse(mvc.perform(post("/admin/inbox/canned")
                        .session(admin)
                        .with(csrf())
                        .param("title", HOSTILE)
                        .param("language", "")
                        .param("body", "b".repeat(10_000)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(canned.select("#language-error")).isNotEmpty();
        assertThat(canned.select("#body-error").text()).contains("Too long");
        assertThat(canned.select("script:containsData(alert), [onerror], svg")).isEmpty();

        mvc.perform(post("/admin/inbox/teams/" + support)
                        .session(admin)
                        .with(csrf())
                        .param("assignment", "RANDOM"))
                .andExpect(flash().attribute("flashError", "listening.team.invalid"));
        mvc.perform(post("/admin/inbox/teams/" + UUID.randomUUID())
                        .session(admin)
                        .with(csrf())
                        .param("assignment", "ROUND_ROBIN"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/admin/inbox/routing/" + UUID.randomUUID() + "/delete")
                        .session(admin)
                        .with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void adminOrdersRulesAndTheOrderDecides() throws Exception {
        var admin = TestAccounts.login(mvc, TestAccounts.create(identity, "admin", Role.ADMIN));
        UUID billing = identity.createTeam("Billing " + marker, "");
        for (var team : new UUID[] {support, billing}) {
            mvc.perform(post("/admin/inbox/routing")
                            .session(admin)
                            .with(csrf())
                            .param("name", "To " + team)
                            .param("keywords", "order")
                            .param("team", team.toString()))
                    .andExpect(status().is3xxRedirection());
        }
        assertThat(routing.rules().get(0).teamId()).isEqualTo(support);
        mvc.perform(post("/admin/inbox/routing/" + routing.rules().get(1).id() + "/move")
                .session(admin)
                .with(csrf())
                .param("direction", "-1"));
        assertThat(routing.rules().get(0).teamId()).isEqualTo(billing);
        UUID conversation = capture(heard("o-" + marker, null, "@pia", "Where is my order?"));
        assertThat(column(conversation, "team_id")).isEqualTo(billing.toString());
        assertThat(page(admin, "/admin/inbox/routing")).contains("To " + billing);
    }

    private void refused(MockHttpSession session, String url, String field, String value, String key) throws Exception {
        mvc.perform(post(url).session(session).with(csrf()).param(field, value))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashError", key));
    }

    private String page(MockHttpSession session, String url) throws Exception {
        return mvc.perform(get(url).session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
