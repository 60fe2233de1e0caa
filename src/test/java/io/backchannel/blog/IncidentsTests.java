package io.backchannel.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.blog.internal.Incident;
import io.backchannel.blog.internal.IncidentDesk;
import io.backchannel.blog.internal.IncidentKind;
import io.backchannel.blog.internal.IncidentStatus;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.Signatures;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Incidents through their pages against a real PostgreSQL: staff open, update and resolve them; everyone reads them in
 * their language (or the primary one, marked); the banner follows the open ones; followers get the updates by mail.
 * The configured blog languages are the defaults, English first.
 */
@IntegrationTest
@RecordApplicationEvents
class IncidentsTests {

    private static final Pattern NUMBER = Pattern.compile("/workspace/blog/incidents/(\\d+)");

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityManagement identity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    @Autowired
    Signatures signatures;

    @Autowired
    IncidentDesk desk;

    MockHttpSession staff;

    @BeforeEach
    void logInStaff() throws Exception {
        staff = TestAccounts.login(mvc, TestAccounts.create(identity, "staff", Role.STAFF));
    }

    @Test
    void staffOpenUpdateAndResolveAnIncidentWhoseTimelineStaysPublic() throws Exception {
        String title = "Kettle lids crack " + marker();
        long number = open(
                title, "Stop using the lid.", Map.of("de", new String[] {"Deckel reißen", "Deckel nicht mehr benutzen."
                }));
        update(number, "IDENTIFIED", "A faulty batch of **plastic**.", false);
        update(number, "RESOLVED", "Replacement lids are on their way.", false);

        var page = page("/blog/incidents/" + number, "en");
        assertThat(page.select("h1").text()).isEqualTo(title);
        assertThat(page.select("main .meta .tag").first().text()).isEqualTo("Resolved");
        assertThat(page.select("main").text()).contains("Product fault").contains("Resolved ");
        var entries = page.select("#timeline-heading + ol > li");
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).select(".tag").text()).isEqualTo("Resolved");
        assertThat(entries.get(0).text()).contains("Replacement lids are on their way.");
        assertThat(entries.get(1).select("strong").text()).isEqualTo("plastic");
        assertThat(entries.get(2).select(".tag").text()).isEqualTo("Investigating");
        assertThat(entries.get(2).text()).contains("Stop using the lid.", "by staff");
        assertThat(entries.get(2).select("time").attr("datetime")).endsWith("Z");
        assertThat(page.select("a[href$=/subscribe]"))
                .as("no following a resolved incident")
                .isEmpty();

        var list = page("/blog/incidents", "en");
        assertThat(list.select("main a[href=/blog/incidents/" + number + "]").text())
                .isEqualTo(title);
        var desk = Jsoup.parse(
                mvc.perform(get("/workspace/blog/incidents").session(staff).param("status", "RESOLVED"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(desk.select("#results a[href=/workspace/blog/incidents/" + number + "]")
                        .text())
                .isEqualTo(title);
        desk = Jsoup.parse(
                mvc.perform(get("/workspace/blog/incidents").session(staff).param("status", "MONITORING"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(desk.select("#results a[href=/workspace/blog/incidents/" + number + "]"))
                .isEmpty();
        assertThat(jdbc.sql("select resolved_at is not null from blog_incident where number = ?")
                        .param(number)
                        .query(Boolean.class)
                        .single())
                .isTrue();

        var raised = events.stream(IncidentUpdated.class)
                .filter(event -> event.number() == number)
                .toList();
        assertThat(raised)
                .extracting(IncidentUpdated::status)
                .containsExactly("INVESTIGATING", "IDENTIFIED", "RESOLVED");
        assertThat(raised).extracting(IncidentUpdated::updateId).doesNotHaveDuplicates();
        assertThat(raised.getLast().incidentId()).isEqualTo(raised.getFirst().incidentId());
        assertThat(raised.getLast().postedAt())
                .isEqualTo(jdbc.sql("select resolved_at from blog_incident where number = ?")
                        .param(number)
                        .query(java.sql.Timestamp.class)
                        .single()
                        .toInstant());
    }

    @Test
    void theTimelineRefusesEditsAndDeletionsInTheDatabase() throws Exception {
        long number = open("Append only " + marker(), "First words.", Map.of());
        UUID update = jdbc.sql(
                        "select u.id from blog_incident_update u join blog_incident i on i.id = u.incident_id where i.number = ?")
                .param(number)
                .query(UUID.class)
                .single();
        for (String sql : List.of(
                "update blog_incident_update set status = 'RESOLVED' where id = ?",
                "delete from blog_incident_update where id = ?",
                "update blog_incident_update_text set body_markdown = 'rewritten' where update_id = ?",
                "delete from blog_incident_update_text where update_id = ?")) {
            assertThatThrownBy(() -> jdbc.sql(sql).param(update).update())
                    .as(sql)
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("append-only");
        }
        assertThatThrownBy(() -> jdbc.sql("truncate blog_incident_update_text").update())
                .hasMessageContaining("append-only");
        assertThat(page("/blog/incidents/" + number, "en")
                        .select("#timeline-heading + ol > li")
                        .text())
                .contains("First words.");
    }

    @Test
    void customersAndGuestsCannotUseTheStaffDesk() throws Exception {
        long number = open("Staff only " + marker(), "Text.", Map.of());
        var customer = TestAccounts.login(mvc, TestAccounts.create(identity, "customer", Role.CUSTOMER));
        for (var request : List.of(
                get("/workspace/blog/incidents"),
                get("/workspace/blog/incidents/new"),
                get("/workspace/blog/incidents/" + number),
                post("/workspace/blog/incidents").with(csrf()).param("kind", "OUTAGE"),
                post("/workspace/blog/incidents/" + number + "/updates")
                        .with(csrf())
                        .param("status", "RESOLVED")
                        .param("body-en", "Customer says it is fixed"))) {
            mvc.perform(request.session(customer)).andExpect(status().isForbidden());
        }
        mvc.perform(get("/workspace/blog/incidents")).andExpect(redirectedUrl("/login"));
        SignedInAccount notStaff = new SignedInAccount() {
            @Override
            public UUID id() {
                return TestAccounts.id(jdbc, TestAccounts.create(identity, "direct", Role.CUSTOMER));
            }

            @Override
            public String displayName() {
                return "Customer";
            }

            @Override
            public boolean hasRole(String role) {
                return Role.CUSTOMER.name().equals(role);
            }
        };
        assertThatThrownBy(() -> desk.open(
                        new IncidentDesk.Draft(
                                IncidentKind.OUTAGE,
                                IncidentStatus.INVESTIGATING,
                                Map.of("en", new Incident.Text("Fake", "Fake"))),
                        notStaff))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> desk.post(
                        number, new IncidentDesk.Post(IncidentStatus.RESOLVED, Map.of("en", "Fixed"), true), notStaff))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(page("/blog/incidents/" + number, "en")
                        .select(".meta .tag")
                        .first()
                        .text())
                .isEqualTo("Investigating");
        assertThat(page("/blog/incidents/" + number, "en").select("main form")).isEmpty();
    }

    @Test
    void pagesShowTheVisitorsLanguageOrThePrimaryOneWithANote() throws Exception {
        String marker = marker();
        long number = open("Outage " + marker, "The shop is down.", Map.of("de", new String[] {
            "Ausfall " + marker, "Der Shop ist nicht erreichbar."
        }));
        update(number, "IDENTIFIED", "A broken disk.", false);

        var german = page("/blog/incidents/" + number, "de");
        assertThat(german.select("html").attr("lang")).isEqualTo("de");
        assertThat(german.select("h1").text()).isEqualTo("Ausfall " + marker);
        assertThat(german.select("h1").attr("lang")).isEqualTo("de");
        var entries = german.select("#timeline-heading + ol > li");
        assertThat(entries.get(0).select(".prose").attr("lang")).isEqualTo("en");
        assertThat(entries.get(0).select(".prose").text()).isEqualTo("A broken disk.");
        assertThat(entries.get(0).select(".hint").text()).contains("Originalsprache");
        assertThat(entries.get(0).select(".tag").text()).isEqualTo("Ursache gefunden");
        assertThat(entries.get(1).select(".prose").attr("lang")).isEqualTo("de");
        assertThat(entries.get(1).select(".hint")).isEmpty();
        assertThat(german.select(".incident-banner a[href=/blog/incidents/" + number + "]")
                        .attr("lang"))
                .isEqualTo("de");

        var english = page("/blog/incidents/" + number, "en");
        assertThat(english.select("h1").text()).isEqualTo("Outage " + marker);
        assertThat(english.select("h1").attr("lang")).isEqualTo("en");
        assertThat(english.select("#timeline-heading + ol .hint")).isEmpty();

        String feed = mvc.perform(
                        get("/blog/incidents/" + number + "/feed.atom").header("Accept-Language", "de"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var atom = Jsoup.parse(feed, "", Parser.xmlParser());
        assertThat(atom.select("feed > title").text()).isEqualTo("Ausfall " + marker);
        assertThat(atom.select("entry")).hasSize(2);
        assertThat(atom.select("entry > title").first().text()).isEqualTo("Ursache gefunden");
        assertThat(atom.select("entry").first().attr("xml:lang")).isEqualTo("en");
    }

    @Test
    void theBannerShowsOnPublicPagesWhileTheIncidentIsOpen() throws Exception {
        String title = "Banner " + marker();
        long number = open(title, "Something is wrong.", Map.of());
        String link = ".incident-banner[role=region][aria-live=polite] a[href=/blog/incidents/" + number + "]";
        for (String path : List.of("/", "/ideas", "/blog/incidents")) {
            assertThat(page(path, "en").select(link).text()).as(path).isEqualTo(title);
        }
        assertThat(page("/", "en").select(".incident-banner").attr("aria-label"))
                .isEqualTo("Current incidents");
        var staffPage = Jsoup.parse(mvc.perform(get("/workspace").session(staff))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(staffPage.select(link)).as("no banner in the workspace").isEmpty();
        assertThat(staffPage
                        .select("header nav a[href=/workspace/blog/incidents]")
                        .text())
                .isEqualTo("Incidents");

        update(number, "MONITORING", "Looks better.", false);
        assertThat(page("/ideas", "en").select(link + " + .tag").text()).isEqualTo("Monitoring");
        update(number, "RESOLVED", "All good.", false);
        for (String path : List.of("/", "/ideas", "/blog/incidents")) {
            assertThat(page(path, "en").select(link)).as(path).isEmpty();
        }
        assertThat(page("/blog/incidents/" + number, "en").select("h1").text()).isEqualTo(title);
    }

    /** What another node writes reaches this node's banner only with the next refresh: no query per page view. */
    @Test
    void theBannerComesFromMemoryAndSeesOtherNodesChangesAfterTheRefresh() throws Exception {
        long mine = open("Warm-up " + marker(), "Text.", Map.of());
        update(mine, "RESOLVED", "Over.", false);
        page("/ideas", "en");
        String title = "Other node " + marker();
        UUID id = jdbc.sql(
                        """
                        insert into blog_incident (kind, status, opened_by) values ('OUTAGE', 'INVESTIGATING', ?)
                        returning id""")
                .param(UUID.randomUUID())
                .query(UUID.class)
                .single();
        jdbc.sql("insert into blog_incident_text (incident_id, language, title, summary) values (?, 'en', ?, 'x')")
                .params(id, title)
                .update();
        try {
            assertThat(page("/ideas", "en").select(".incident-banner").text()).doesNotContain(title);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!page("/ideas", "en").select(".incident-banner").text().contains(title)) {
                assertThat(System.nanoTime()).as("banner after the refresh").isLessThan(deadline);
                Thread.sleep(200);
            }
        } finally {
            jdbc.sql("update blog_incident set status = 'RESOLVED', resolved_at = now() where id = ?")
                    .param(id)
                    .update();
        }
    }

    @Test
    void followersGetNotifiedUpdatesInTheirLanguageAndUnsubscribeWithOneClick() throws Exception {
        String marker = marker();
        long number = open(
                "Recall " + marker, "Bring it back.", Map.of("de", new String[] {"Rückruf " + marker, "Zurückbringen."
                }));
        String guest = TestAccounts.email("guest");
        mvc.perform(get("/blog/incidents/" + number + "/subscribe")).andExpect(status().isOk());
        mvc.perform(post("/blog/incidents/" + number + "/subscriptions")
                        .with(csrf())
                        .header("Accept-Language", "de")
                        .param("email", guest.toUpperCase()))
                .andExpect(redirectedUrl("/blog/incidents/" + number));
        String confirmation = mail(guest, "Bitte bestätigen");
        assertThat(confirmation).contains("Rückruf " + marker);
        String confirm = path(confirmation, "/blog/incidents/confirm/");
        var confirmPage = Jsoup.parse(mvc.perform(get(confirm))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(confirmPage.select("main form[method=post]").attr("action")).isEqualTo(confirm);
        update(number, "IDENTIFIED", "Not yet confirmed, not mailed.", true);
        assertThat(mails(guest)).isEqualTo(1);
        mvc.perform(post(confirm)).andExpect(status().isOk());

        String customer = TestAccounts.create(identity, "customer", Role.CUSTOMER);
        mvc.perform(post("/blog/incidents/" + number + "/subscriptions")
                        .with(csrf())
                        .session(TestAccounts.login(mvc, customer)))
                .andExpect(redirectedUrl("/blog/incidents/" + number));

        updateIn(number, "MONITORING", Map.of("en", "Swap in progress.", "de", "Austausch läuft."), true);
        update(number, "MONITORING", "Quiet update, nobody mailed.", false);

        String german = mail(guest, "[Vorfall");
        assertThat(german).contains("Rückruf " + marker, "Wird beobachtet", "Austausch läuft.");
        String english = mail(customer, "[Incident");
        assertThat(english).contains("Recall " + marker, "Monitoring", "Swap in progress.");
        assertThat(mails(customer)).isEqualTo(1);
        var desk = Jsoup.parse(
                mvc.perform(get("/workspace/blog/incidents/" + number).session(staff))
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(desk.select("#timeline-heading + ol > li"))
                .extracting(entry ->
                        entry.select(".tag:contains(Mailed to followers)").size())
                .containsExactly(0, 1, 1, 0);
        String headers = jdbc.sql("select headers from system_mail where recipient = ? and subject like '[Vorfall%'")
                .param(guest)
                .query(String.class)
                .single();
        String unsubscribe = path(german, "/blog/incidents/unsubscribe/");
        assertThat(headers)
                .contains(
                        "List-Unsubscribe: <http",
                        unsubscribe + ">",
                        "List-Unsubscribe-Post: List-Unsubscribe=One-Click");

        String tampered = unsubscribe.substring(0, unsubscribe.length() - 3) + "AAA";
        mvc.perform(post(tampered)).andExpect(status().isBadRequest());
        mvc.perform(post(confirm.replace("/confirm/", "/unsubscribe/"))).andExpect(status().isBadRequest());
        String past = number + "." + UUID.randomUUID() + "." + (System.currentTimeMillis() / 1000 - 60);
        var expired = Jsoup.parse(mvc.perform(post("/blog/incidents/unsubscribe/" + past + "."
                        + signatures.sign("blog-incident-unsubscribe", past)))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(expired.select("h1").text()).isEqualTo("This link has expired");
        mvc.perform(get(unsubscribe)).andExpect(status().isOk());
        mvc.perform(post(unsubscribe)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("List-Unsubscribe=One-Click"))
                .andExpect(status().isOk());
        mvc.perform(post(unsubscribe)).andExpect(status().isOk());

        update(number, "RESOLVED", "Done.", true);
        assertThat(mails(guest)).as("confirmation and one update").isEqualTo(2);
        assertThat(mails(customer)).isEqualTo(2);
    }

    @Test
    void badAddressesAreRefusedWithAMessage() throws Exception {
        long number = open("Addresses " + marker(), "Text.", Map.of());
        for (String email : List.of("", "not-an-address", "a@b", "x".repeat(300) + "@example.org", "<script>@x.org")) {
            var page = Jsoup.parse(mvc.perform(post("/blog/incidents/" + number + "/subscriptions")
                            .with(csrf())
                            .param("email", email))
                    .andExpect(status().isBadRequest())
                    .andReturn()
                    .getResponse()
                    .getContentAsString());
            assertThat(page.select("#email-error").text()).as(email).isNotBlank();
            assertThat(page.select("#email").attr("aria-describedby")).isEqualTo("email-error");
        }
        mvc.perform(post("/blog/incidents/999999999/subscriptions").with(csrf()).param("email", "a@example.org"))
                .andExpect(status().isNotFound());
    }

    @Test
    void hostileAndNaughtyTextRendersHarmlessly() throws Exception {
        List<String> hostile = List.of(
                "<script>alert(1)</script>",
                "<img src=x onerror=alert(2)>",
                "[click](javascript:alert(3))",
                "<svg><script>alert(4)</script></svg>",
                "<a href=\"javascript:alert(5)\">x</a>",
                "\"><iframe src=javascript:alert(6)>",
                "{0} {1} ''quoted'' %s ${7*7} #{x}",
                "‮RTL override‬ Zalgo ḁ̴̹ ⁦emoji 👩‍👩‍👧‍👦 null\u0000byte ﷽");
        String title = String.join(" ", hostile).substring(0, 190);
        long number = open(title, String.join("\n\n", hostile), Map.of());
        update(number, "IDENTIFIED", String.join("\n\n", hostile), false);
        for (String path : List.of("/blog/incidents/" + number, "/blog/incidents", "/ideas")) {
            var page = page(path, "en");
            assertThat(page.select("script:not([src]), [onerror], [onload], iframe, svg"))
                    .as(path)
                    .isEmpty();
            assertThat(page.select("a[href^=javascript]")).as(path).isEmpty();
            assertThat(page.select(".incident-banner a[href=/blog/incidents/" + number + "]")
                            .text())
                    .as(path)
                    .contains("<script>alert(1)</script>");
        }
        var desk = Jsoup.parse(
                mvc.perform(get("/workspace/blog/incidents/" + number).session(staff))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(desk.select("script:not([src]), [onerror], iframe, a[href^=javascript]"))
                .isEmpty();
        String feed = mvc.perform(get("/blog/incidents/" + number + "/feed.atom"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var atom = Jsoup.parse(feed, "", Parser.xmlParser());
        assertThat(atom.select("feed > title").text()).startsWith("<script>alert(1)</script>");
        assertThat(atom.select("script")).isEmpty();
    }

    @Test
    void textsWithoutThePrimaryLanguageOrTooLongAreRefusedWithAMessage() throws Exception {
        String marker = marker();
        var form = Jsoup.parse(mvc.perform(post("/workspace/blog/incidents")
                        .session(staff)
                        .with(csrf())
                        .param("kind", "OUTAGE")
                        .param("status", "INVESTIGATING")
                        .param("title-de", "Nur Deutsch " + marker)
                        .param("summary-de", "Kein Englisch."))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(form.select("#title-en-error").text()).contains("primary language");
        assertThat(form.select("#title-en").attr("aria-describedby")).isEqualTo("title-en-error");
        assertThat(form.select("#summary-en-error").text()).contains("primary language");
        assertThat(form.select("#title-de").val()).isEqualTo("Nur Deutsch " + marker);
        assertThat(form.select("[role=alert]").text()).contains("not opened");
        assertThat(jdbc.sql("select count(*) from blog_incident_text where title = ?")
                        .param("Nur Deutsch " + marker)
                        .query(Long.class)
                        .single())
                .isZero();

        form = Jsoup.parse(mvc.perform(post("/workspace/blog/incidents")
                        .session(staff)
                        .with(csrf())
                        .param("kind", "METEOR")
                        .param("status", "RESOLVED")
                        .param("title-en", "x".repeat(201))
                        .param("summary-en", "ok")
                        .param("title-es", "Solo título"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(form.select("#kind-error").text()).isNotBlank();
        assertThat(form.select("#status-error").text()).isNotBlank();
        assertThat(form.select("#title-en-error").text()).contains("200");
        assertThat(form.select("#summary-es-error").text()).contains("title and summary");

        long number = open("Primary " + marker, "Text.", Map.of());
        var detail = Jsoup.parse(mvc.perform(post("/workspace/blog/incidents/" + number + "/updates")
                        .session(staff)
                        .with(csrf())
                        .param("status", "RESOLVED")
                        .param("body-de", "Nur Deutsch.")
                        .param("body-ja", "x".repeat(10_001)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(detail.select("#body-en-error").text()).contains("primary language");
        assertThat(detail.select("#body-ja-error").text()).contains("10,000");
        assertThat(detail.select("#body-de").text()).isEqualTo("Nur Deutsch.");
        assertThat(detail.select("#timeline-heading + ol > li")).hasSize(1);
        assertThat(page("/blog/incidents/" + number, "en")
                        .select(".meta .tag")
                        .first()
                        .text())
                .isEqualTo("Investigating");
        mvc.perform(post("/workspace/blog/incidents/999999999/updates")
                        .session(staff)
                        .with(csrf())
                        .param("status", "RESOLVED")
                        .param("body-en", "Nothing there."))
                .andExpect(status().isNotFound());
    }

    // --- helpers ---

    private static String marker() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Opens an incident (a product fault, investigating) through the staff form; returns its number. */
    private long open(String title, String summary, Map<String, String[]> others) throws Exception {
        var request = post("/workspace/blog/incidents")
                .session(staff)
                .with(csrf())
                .param("kind", "PRODUCT_FAULT")
                .param("status", "INVESTIGATING")
                .param("title-en", title)
                .param("summary-en", summary);
        others.forEach((language, texts) ->
                request.param("title-" + language, texts[0]).param("summary-" + language, texts[1]));
        String location = mvc.perform(request)
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        var matcher = NUMBER.matcher(String.valueOf(location));
        assertThat(matcher.matches()).as(location).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private void update(long number, String status, String english, boolean notify) throws Exception {
        updateIn(number, status, Map.of("en", english), notify);
    }

    private void updateIn(long number, String status, Map<String, String> bodies, boolean notify) throws Exception {
        MockHttpServletRequestBuilder request = post("/workspace/blog/incidents/" + number + "/updates")
                .session(staff)
                .with(csrf())
                .param("status", status);
        bodies.forEach((language, body) -> request.param("body-" + language, body));
        if (notify) {
            request.param("notify", "true");
        }
        mvc.perform(request).andExpect(redirectedUrl("/workspace/blog/incidents/" + number));
    }

    private Document page(String path, String language) throws Exception {
        return Jsoup.parse(mvc.perform(get(path).header("Accept-Language", language))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    /** The body of the mail to the address whose subject starts so, from the outbox. */
    private String mail(String recipient, String subjectStart) {
        return jdbc.sql("select body from system_mail where recipient = ? and subject like ? order by created_at desc")
                .params(recipient.toLowerCase(), subjectStart + "%")
                .query(String.class)
                .list()
                .getFirst();
    }

    private long mails(String recipient) {
        return jdbc.sql("select count(*) from system_mail where recipient = ?")
                .param(recipient.toLowerCase())
                .query(Long.class)
                .single();
    }

    /** The path of the first link in the text that leads to a path starting so. */
    private static String path(String text, String prefix) {
        var matcher =
                Pattern.compile("http\\S*" + Pattern.quote(prefix) + "\\S+").matcher(text);
        assertThat(matcher.find()).as(prefix + " in " + text).isTrue();
        return URI.create(matcher.group()).getRawPath();
    }
}
