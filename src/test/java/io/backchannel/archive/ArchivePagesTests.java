package io.backchannel.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestWords;
import io.backchannel.archive.internal.Verifications;
import io.backchannel.identity.Role;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The archivists' pages: who may open them, search with filters and highlights, records shown as they were. */
@IntegrationTest
class ArchivePagesTests extends ArchiveIntegrationTest {

    static final String HOSTILE =
            "<script>alert(1)</script><img src=x onerror=alert(2)><a href=\"javascript:alert(3)\">x</a>";

    @Autowired
    Verifications verifications;

    MockHttpSession archivist;
    String word;

    @BeforeEach
    void setUp() throws Exception {
        archivist = logIn(Role.ARCHIVIST);
        word = TestWords.unique();
    }

    @Test
    void customersAndStaffWithoutTheArchivistRoleAreRefused() throws Exception {
        CaptureOutcome held = archive.capture(item("secret-" + marker(), "Internal"));
        for (Role role : new Role[] {Role.CUSTOMER, Role.STAFF}) {
            MockHttpSession session = logIn(role);
            mvc.perform(get("/archive").session(session)).andExpect(status().isForbidden());
            mvc.perform(get("/archive/records/" + held.recordId()).session(session))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/archive/verify").session(session).with(csrf())).andExpect(status().isForbidden());
        }
        mvc.perform(get("/archive")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/archive").session(logIn(Role.ADMIN))).andExpect(status().isOk());
        mvc.perform(get("/archive").session(archivist)).andExpect(status().isOk());
    }

    @Test
    void theStaffNavigationLinksTheArchiveOnlyForArchivistsAndAdmins() throws Exception {
        Document staff = page(get("/workspace").session(logIn(Role.STAFF)));
        Document both = page(get("/workspace").session(logIn(Role.STAFF, Role.ARCHIVIST)));

        assertThat(staff.select("header a[href=/archive]")).isEmpty();
        assertThat(both.select("header a[href=/archive]")).isNotEmpty();
    }

    @Test
    void searchFindsWordsWithHighlightsAndHonoursEveryFilter() throws Exception {
        archive.capture(
                item("x", "a-" + marker(), "acme", "Alice", CaptureKind.OWN_POST, "en", "Offer " + word + " valid"));
        archive.capture(item(
                "mastodon", "b-" + marker(), "acme@social", "Bob", CaptureKind.INBOUND_MENTION, "en", word + " broke"));
        archive.capture(item("x", "c-" + marker(), "acme", "Carol", CaptureKind.REPLY, "de", "Antwort " + word));

        assertThat(results(search().param("q", word))).hasSize(3);
        Document highlighted = page(search().param("q", word).param("platform", "mastodon"));
        assertThat(highlighted.select("ol.archive-results li")).hasSize(1);
        assertThat(highlighted.select("ol.archive-results li p.highlight mark").text())
                .isEqualTo(word);
        assertThat(results(search().param("q", word).param("author", "alice")))
                .singleElement()
                .asString()
                .contains("Alice");
        assertThat(results(search().param("q", word).param("account", "acme"))).hasSize(2);
        assertThat(results(search().param("q", word).param("kind", "REPLY")))
                .singleElement()
                .asString()
                .contains("Carol");
        assertThat(results(search().param("q", word).param("language", "de"))).hasSize(1);
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        assertThat(results(search().param("q", word).param("from", yesterday).param("to", yesterday)))
                .hasSize(3);
        assertThat(results(search().param("q", word).param("from", tomorrow))).isEmpty();
    }

    @Test
    void germanTextIsFoundByAnotherFormOfTheWord() throws Exception {
        archive.capture(item(
                "x", "de-" + marker(), "acme", "Dora", CaptureKind.COMMENT, "de", word + " Lieferungen verspätet"));

        assertThat(results(search().param("q", "Lieferung").param("author", "Dora")))
                .isNotEmpty();
    }

    @Test
    void hostileHtmlInCapturedTextIsShownAsTextInResultsAndOnTheRecordPage() throws Exception {
        CaptureOutcome outcome = archive.capture(item("hostile-" + marker(), word + " " + HOSTILE));

        Document results = page(search().param("q", word));
        assertThat(results.select("main script, main img, main a[href^=javascript]"))
                .isEmpty();
        assertThat(results.select("ol.archive-results").text()).contains("<script>alert(1)</script>");

        Document record = page(get("/archive/records/" + outcome.recordId()).session(archivist));
        assertThat(record.select("main script, main img, main a[href^=javascript]"))
                .isEmpty();
        assertThat(record.select("pre.archive-text").first().text()).contains(HOSTILE);
    }

    @Test
    void recordPageShowsEveryVersionDigestChainPositionAndPermalink() throws Exception {
        String id = "versions-" + marker();
        archive.capture(item(id, "Price 10"));
        CaptureOutcome edited = archive.capture(item(id, "Price 12"));
        archive.markDeletedAtSource("x", id, java.time.Instant.now(), "test");
        Placed placed = placed(edited.recordId());

        Document page = page(get("/archive/records/" + edited.recordId()).session(archivist));

        assertThat(page.select("table.archive-versions tbody tr")).hasSize(2);
        assertThat(page.select("table.archive-versions a[aria-current=page]").text())
                .isEqualTo("2");
        String digest = jdbc.sql("select payload_digest from archive_item where id = ?")
                .param(edited.recordId())
                .query(String.class)
                .single();
        assertThat(page.select("dl.archive-facts").text())
                .contains("sha256:" + digest)
                .contains(Long.toString(placed.position()))
                .contains("/archive/records/" + edited.recordId());
        assertThat(page.select("pre.archive-text").first().text()).isEqualTo("Price 12");
        assertThat(page.select(".tag.deleted")).isNotEmpty();
        assertThat(page.select("[role=alert]")).isEmpty();
    }

    @Test
    void unknownOrMalformedRecordIdsAreNotFound() throws Exception {
        mvc.perform(get("/archive/records/" + java.util.UUID.randomUUID()).session(archivist))
                .andExpect(status().isNotFound());
        mvc.perform(get("/archive/records/not-a-uuid").session(archivist)).andExpect(status().isNotFound());
    }

    @Test
    void badSearchInputIsReportedNextToItsField() throws Exception {
        Document page = page(
                search().param("from", "yesterday").param("kind", "<script>").param("q", "x".repeat(10_000)));

        assertThat(page.select("#from-error").text()).isEqualTo("Enter a date as YYYY-MM-DD.");
        assertThat(page.select("#from").attr("aria-describedby")).isEqualTo("from-error");
        assertThat(page.select("#kind-error").text()).isEqualTo("Choose one of the listed kinds.");
        assertThat(page.select("#q-error").text()).contains("500");
        assertThat(page.select("ol.archive-results")).isEmpty();
    }

    @Test
    void verifyingFromThePageShowsTheResultAndThePublicKey() throws Exception {
        archive.capture(item("verify-" + marker(), "Verified"));

        mvc.perform(post("/archive/verify").session(archivist).with(csrf()))
                .andExpect(redirectedUrl("/archive#verification"))
                .andExpect(flash().attribute("flash", "archive.verify.started"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> verifications.running().isEmpty());
        Document page = page(get("/archive").session(archivist));

        assertThat(page.select("#verification [role=status]").text()).contains("Every record and checkpoint verified");
        assertThat(page.select("#verification pre").text()).startsWith("OK: ");
        assertThat(page.select("code.digest").eachText())
                .anySatisfy(text -> assertThat(text).hasSize(64));
    }

    @Test
    void germanPagesAreInGerman() throws Exception {
        Document page = page(search().param("lang", "de"));

        assertThat(page.select("h1").text()).isEqualTo("Beweisarchiv");
    }

    private MockHttpServletRequestBuilder search() {
        return get("/archive").session(archivist);
    }

    private java.util.List<String> results(MockHttpServletRequestBuilder request) throws Exception {
        return page(request).select("ol.archive-results li").eachText();
    }

    private Document page(MockHttpServletRequestBuilder request) throws Exception {
        return Jsoup.parse(mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }
}
