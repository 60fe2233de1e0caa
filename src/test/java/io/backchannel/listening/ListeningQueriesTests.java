package io.backchannel.listening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.channels.PostCaptured;
import io.backchannel.channels.PostsCaptured;
import io.backchannel.identity.Role;
import io.backchannel.listening.internal.ListeningQueries;
import io.backchannel.listening.internal.QueryKind;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.transaction.support.TransactionTemplate;

/** Admins define listening queries; captured posts are matched, counted, and opened as conversations or not. */
@IntegrationTest
class ListeningQueriesTests extends ListeningIntegrationTest {

    static final String HOSTILE = InboxPagesTests.HOSTILE;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ListeningQueries queries;

    @AfterEach
    void removeQueries() {
        // Switched off through the service first, so that its cache of active queries forgets them at once.
        queries.list("").forEach(query -> queries.setActive(query.id(), query.version(), false));
        jdbc.sql("delete from listening_query_hit").update();
        jdbc.sql("delete from listening_query").update();
    }

    @Test
    void adminCreatesSearchesEditsAndDeactivatesAQuery() throws Exception {
        var admin = admin();
        mvc.perform(post("/admin/inbox/queries")
                        .session(admin)
                        .with(csrf())
                        .param("name", "Brand " + marker)
                        .param("expression", "(acme OR \"acme cloud\") -job" + marker)
                        .param("kind", "BRAND")
                        .param("languages", "en, DE")
                        .param("channels", "bluesky")
                        .param("authors", "@Anna@example.social, -@spam"))
                .andExpect(redirectedUrl("/admin/inbox/queries"));
        var row = jdbc.sql("select id, version, languages::text, channels::text, authors_include::text,"
                        + " authors_exclude::text from listening_query where name = ?")
                .param("Brand " + marker)
                .query((rs, n) -> List.of(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)))
                .single();
        assertThat(row.subList(1, 6)).containsExactly("0", "{en,de}", "{bluesky}", "{anna@example.social}", "{spam}");
        String id = row.get(0);

        var list = page(admin, "/admin/inbox/queries?q=" + marker);
        assertThat(list.select("table.queries tbody tr")).hasSize(1);
        assertThat(list.select("table.queries").text()).contains("Brand " + marker, "Languages: en, de");
        assertThat(page(admin, "/admin/inbox/queries?q=nothing-" + marker).select("table.queries"))
                .isEmpty();

        var edit = page(admin, "/admin/inbox/queries/" + id);
        assertThat(edit.select("input[name=version]").val()).isEqualTo("0");
        assertThat(edit.select("input[name=authors]").val()).isEqualTo("anna@example.social, -spam");
        mvc.perform(post("/admin/inbox/queries/" + id)
                        .session(admin)
                        .with(csrf())
                        .param("name", "Renamed " + marker)
                        .param("expression", "acme")
                        .param("kind", "COMPETITOR")
                        .param("version", "0"))
                .andExpect(redirectedUrl("/admin/inbox/queries"));
        assertThat(column(id, "name || ' ' || kind || ' ' || version || ' ' || channels::text"))
                .isEqualTo("Renamed " + marker + " COMPETITOR 1 {}");

        // A second admin still holding version 0 does not overwrite the first one's change.
        mvc.perform(post("/admin/inbox/queries/" + id)
                        .session(admin)
                        .with(csrf())
                        .param("name", "Lost update " + marker)
                        .param("expression", "acme")
                        .param("kind", "BRAND")
                        .param("version", "0"))
                .andExpect(redirectedUrl("/admin/inbox/queries/" + id))
                .andExpect(result ->
                        assertThat(result.getFlashMap().get("flashError")).isEqualTo("listening.query.stale"));
        assertThat(column(id, "name")).isEqualTo("Renamed " + marker);

        mvc.perform(post("/admin/inbox/queries/" + id + "/active")
                        .session(admin)
                        .with(csrf())
                        .param("active", "false")
                        .param("version", "0"))
                .andExpect(result ->
                        assertThat(result.getFlashMap().get("flashError")).isEqualTo("listening.query.stale"));
        assertThat(column(id, "active::text")).isEqualTo("true");
        mvc.perform(post("/admin/inbox/queries/" + id + "/active")
                        .session(admin)
                        .with(csrf())
                        .param("active", "false")
                        .param("version", "1"))
                .andExpect(redirectedUrl("/admin/inbox/queries"));
        assertThat(column(id, "active::text")).isEqualTo("false");
        mvc.perform(get("/admin/inbox/queries/" + UUID.randomUUID()).session(admin))
                .andExpect(status().isNotFound());
    }

    @Test
    void customersAndPlainStaffCannotSeeOrEditQueries() throws Exception {
        var customer = TestAccounts.login(mvc, TestAccounts.create(identity, "customer", Role.CUSTOMER));
        var staffSession = TestAccounts.login(mvc, staffEmail);
        for (var session : List.of(customer, staffSession)) {
            mvc.perform(get("/admin/inbox/queries").session(session)).andExpect(status().isForbidden());
            mvc.perform(post("/admin/inbox/queries")
                            .session(session)
                            .with(csrf())
                            .param("name", "Sneaky " + marker)
                            .param("expression", "acme")
                            .param("kind", "BRAND"))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get("/workspace/dashboard").session(customer)).andExpect(status().isForbidden());
        mvc.perform(get("/workspace/dashboard/volume.csv").session(customer)).andExpect(status().isForbidden());
        mvc.perform(get("/admin/inbox/queries")).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from listening_query")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void badInputGivesTranslatedMessagesNextToTheFieldAndHostileTextIsHarmless() throws Exception {
        var admin = admin();
        assertThat(refused(admin, "", "acme", "BRAND", "name")).contains("Please fill in");
        assertThat(refused(admin, "x", "", "BRAND", "expression")).isEqualTo("Please fill in this field.");
        assertThat(refused(admin, "x", "acme ".repeat(2000), "BRAND", "expression"))
                .isEqualTo("Too long: at most 2000 characters.");
        assertThat(refused(admin, "x", "(acme OR hp", "BRAND", "expression"))
                .isEqualTo("The parenthesis at character 1 is never closed.");
        assertThat(refused(admin, "x", "acme)", "BRAND", "expression"))
                .isEqualTo("The closing parenthesis at character 5 has no opening one.");
        assertThat(refused(admin, "x", "NOT acme", "BRAND", "expression")).contains("only excludes");
        assertThat(refused(admin, "x", "acme", "SOMETHING", "kind")).contains("brand or competitor");
        assertThat(refused(admin, "x".repeat(10_000), "acme", "BRAND", "name")).contains("at most 80");

        String hostileName = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        mvc.perform(post("/admin/inbox/queries")
                        .session(admin)
                        .with(csrf())
                        .param("name", hostileName)
                        .param("expression", HOSTILE)
                        .param("kind", "BRAND"))
                .andExpect(redirectedUrl("/admin/inbox/queries"));
        var list = page(admin, "/admin/inbox/queries");
        assertThat(list.select("script:containsData(alert), [onerror], [onload], svg"))
                .isEmpty();
        assertThat(list.select("table.queries").text()).contains("<script>alert(1)</script>");
        assertThat(refused(admin, hostileName.toUpperCase(java.util.Locale.ROOT), "acme", "BRAND", "name"))
                .isEqualTo("A listening query of this name exists already.");

        var test = page(admin, "/admin/inbox/queries?test=" + "(".repeat(50));
        assertThat(test.select("#test-error").text()).contains("nested too deeply");
        page(admin, "/admin/inbox/queries?q=" + "%25".repeat(300) + "&test=" + "x".repeat(10_000));
    }

    @Test
    void testBoxShowsRecentPostsTheExpressionMatches() throws Exception {
        supportByDefault();
        capture(heard("t1-" + marker, null, "@ann", "My Dëll" + marker + " laptop is broken"));
        capture(heard("t2-" + marker, null, "@bob", "My delly" + marker + " works"));
        var test = Jsoup.parse(
                mvc.perform(get("/admin/inbox/queries").session(admin()).param("test", "dell" + marker + " AND laptop"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(test.select(".test-results li")).hasSize(1);
        assertThat(test.select(".test-results").text()).contains("@ann", "laptop is broken");
    }

    @Test
    void brandQueriesDecideWhatABroadChannelOpensAndCompetitorsAreOnlyCounted() throws Exception {
        supportByDefault();
        UUID brand = query("Acme" + marker, "acme" + marker + " -jobs", QueryKind.BRAND, List.of("bluesky"));
        UUID rival = query("Rival" + marker, "rival" + marker, QueryKind.COMPETITOR, List.of());

        // Told the way a connector tells it: published, heard after commit.
        var matching = heardOn("bluesky", "b1", "Is acme" + marker + " down? I cannot log in");
        transactions.executeWithoutResult(tx -> publisher.publishEvent(PostsCaptured.of(matching)));
        UUID opened = await(() -> conversationOf(matching.postId()));
        assertThat(column(opened, "topics")).isEqualTo("{acme" + marker + "}");

        assertThat(conversations.capture(heardOn("bluesky", "b2", "Lovely weather today " + marker)))
                .isEmpty();
        assertThat(conversations.capture(heardOn("bluesky", "b3", "Switched to rival" + marker + ", much better")))
                .isEmpty();
        assertThat(conversations.capture(heardOn("bluesky", "b4", "acme" + marker + " jobs are open")))
                .isEmpty();
        assertThat(conversations.capture(heardOn("mastodon", "m1", "rival" + marker + " is great")))
                .isEmpty();
        UUID both = capture(heardOn("bluesky", "b5", "acme" + marker + " versus rival" + marker));
        assertThat(column(both, "topics")).isEqualTo("{acme" + marker + "}");
        capture(heardOn("webhook", "w1", "Please call me back " + marker));
        capture(heardOn("mastodon", "m2", "Anything goes here " + marker));

        assertThat(hits(brand)).isEqualTo(2);
        assertThat(hits(rival)).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from listening_query_hit where query_id = ? and conversation_id is null")
                        .param(rival)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("select channel || ' ' || language from listening_query_hit where post_id = ?")
                        .param(matching.postId())
                        .query(String.class)
                        .single())
                .isEqualTo("bluesky en");

        // Switched off, the brand query no longer filters the channel.
        queries.setActive(brand, 0, false);
        capture(heardOn("bluesky", "b6", "Lovely weather again " + marker));
    }

    private UUID query(String name, String expression, QueryKind kind, List<String> channels) {
        return queries.create(
                new ListeningQueries.Draft(name, expression, kind, List.of(), channels, List.of(), List.of()));
    }

    private long hits(UUID query) {
        return jdbc.sql("select count(*) from listening_query_hit where query_id = ?")
                .param(query)
                .query(Long.class)
                .single();
    }

    private PostCaptured heardOn(String channel, String id, String text) {
        Instant now = Instant.now();
        return new PostCaptured(
                UUID.randomUUID(),
                connector,
                channel,
                id + "-" + marker,
                null,
                "@someone" + id,
                "Someone",
                text,
                null,
                "en",
                false,
                now,
                now);
    }

    private String refused(MockHttpSession admin, String name, String expression, String kind, String field)
            throws Exception {
        var page = Jsoup.parse(mvc.perform(post("/admin/inbox/queries")
                        .session(admin)
                        .with(csrf())
                        .param("name", name)
                        .param("expression", expression)
                        .param("kind", kind))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        var error = page.select("#" + field + "-error, fieldset:has(input[name=" + field + "]) .field-error");
        assertThat(error).as(field + " error for " + name + " / " + expression).isNotEmpty();
        return error.first().text();
    }

    private MockHttpSession admin() throws Exception {
        return TestAccounts.login(mvc, TestAccounts.create(identity, "admin", Role.ADMIN));
    }

    private Document page(MockHttpSession session, String url) throws Exception {
        return Jsoup.parse(mvc.perform(get(url).session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    private String column(String queryId, String expression) {
        return jdbc.sql("select " + expression + " from listening_query where id = ?::uuid")
                .param(queryId)
                .query(String.class)
                .single();
    }
}
