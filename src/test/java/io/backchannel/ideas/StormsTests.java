package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.identity.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

@IntegrationTest
class StormsTests extends IdeasIntegrationTest {

    private static final String STAFF_PAGE = "/workspace/ideas/storms";

    UUID board;
    UUID otherBoard;
    UUID staffId;
    MockHttpSession staff;
    MockHttpSession customer;

    @BeforeEach
    void setUp() throws Exception {
        String suffix = marker();
        board = ideas.createCategory("storm-" + suffix, "Storm board " + suffix, "", false);
        otherBoard = ideas.createCategory("other-" + suffix, "Other board " + suffix, "", false);
        String staffEmail = TestAccounts.create(identity, "staff", Role.STAFF);
        staffId = id(staffEmail);
        staff = TestAccounts.login(mvc, staffEmail);
        customer = logIn("customer", Role.CUSTOMER);
    }

    @Test
    void customersAndVisitorsCannotCreateOrEditSessions() throws Exception {
        String slug = openStorm("Guarded session " + UUID.randomUUID(), null);
        UUID id = stormId(slug);
        mvc.perform(get(STAFF_PAGE).session(customer)).andExpect(status().isForbidden());
        mvc.perform(post(STAFF_PAGE)
                        .session(customer)
                        .with(csrf())
                        .param("title", "Customer session")
                        .param("startsAt", local(Instant.now()))
                        .param("endsAt", local(Instant.now().plus(Duration.ofDays(1)))))
                .andExpect(status().isForbidden());
        mvc.perform(post(STAFF_PAGE + "/" + id)
                        .session(customer)
                        .with(csrf())
                        .param("title", "Hijacked")
                        .param("startsAt", local(Instant.now()))
                        .param("endsAt", local(Instant.now().plus(Duration.ofDays(1)))))
                .andExpect(status().isForbidden());
        mvc.perform(get(STAFF_PAGE)).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
        assertThat(count("select count(*) from ideas_storm where title in ('Customer session', 'Hijacked')"))
                .isZero();
        assertThat(count("select count(*) from ideas_storm where id = ? and title like 'Guarded session%'", id))
                .isOne();
    }

    @Test
    void staffCreateASessionThatCollectsIdeasWhileOpen() throws Exception {
        String title = "Lighter tents " + UUID.randomUUID();
        String location = mvc.perform(post(STAFF_PAGE)
                        .session(staff)
                        .with(csrf())
                        .param("title", title)
                        .param("description", "What would make your tent **lighter**?")
                        .param("category", board.toString())
                        .param("startsAt", local(Instant.now().minus(Duration.ofHours(1))))
                        .param("endsAt", local(Instant.now().plus(Duration.ofDays(7)))))
                .andExpect(redirectedUrlPattern("/ideas/storms/lighter-tents-*"))
                .andExpect(flash().attribute("flash", "ideas.storm.created"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        String slug = location.substring("/ideas/storms/".length());

        mvc.perform(get(location))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<strong>lighter</strong>")))
                .andExpect(content().string(containsString("/ideas/new?storm=" + slug)))
                .andExpect(content().string(not(containsString("People who voted"))));
        mvc.perform(get("/ideas")).andExpect(content().string(containsString("/ideas/storms/" + slug)));
        mvc.perform(get("/ideas/storms")).andExpect(content().string(containsString(title)));
        var form =
                Jsoup.parse(mvc.perform(get("/ideas/new").param("storm", slug).session(customer))
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(form.select("select#storm option[selected]").attr("value")).isEqualTo(slug);

        String idea = mvc.perform(newIdea(customer, board, "Carbon poles for storm " + slug, "Half the weight.")
                        .param("storm", slug))
                .andExpect(redirectedUrlPattern("/ideas/*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        mvc.perform(get(location)).andExpect(content().string(containsString("Carbon poles for storm " + slug)));
        assertThat(count(
                        "select count(*) from ideas_storm_idea si join ideas_storm s on s.id = si.storm_id "
                                + "join ideas_idea i on i.id = si.idea_id where s.slug = ? and i.number = ?",
                        slug,
                        Long.parseLong(idea.substring("/ideas/".length()))))
                .isOne();
    }

    @Test
    void staffEditASessionAndItsSlugStays() throws Exception {
        String slug = openStorm("Before the edit " + UUID.randomUUID(), null);
        UUID id = stormId(slug);
        mvc.perform(get(STAFF_PAGE + "/" + id).session(staff))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Before the edit")));
        mvc.perform(post(STAFF_PAGE + "/" + id)
                        .session(staff)
                        .with(csrf())
                        .param("title", "After the edit")
                        .param("description", "")
                        .param("category", otherBoard.toString())
                        .param("startsAt", "2030-01-01T10:00")
                        .param("endsAt", "2030-01-31T18:00"))
                .andExpect(redirectedUrl(STAFF_PAGE))
                .andExpect(flash().attribute("flash", "ideas.storm.saved"));
        mvc.perform(get("/ideas/storms/" + slug))
                .andExpect(content().string(containsString("After the edit")))
                .andExpect(content().string(containsString("Coming up")));
        mvc.perform(get(STAFF_PAGE + "/" + UUID.randomUUID()).session(staff)).andExpect(status().isNotFound());
    }

    @Test
    void invalidDatesAreRefusedWithTranslatedMessages() throws Exception {
        String title = "Bad dates " + UUID.randomUUID();
        var endBeforeStart = page(mvc.perform(post(STAFF_PAGE)
                        .session(staff)
                        .with(csrf())
                        .header("Accept-Language", "de")
                        .param("title", title)
                        .param("startsAt", "2030-05-02T10:00")
                        .param("endsAt", "2030-05-01T10:00"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(error(endBeforeStart, "endsAt")).isEqualTo("Das Ende muss nach dem Beginn liegen.");
        assertThat(endBeforeStart.getElementById("endsAt").attr("aria-describedby"))
                .isEqualTo("endsAt-error");

        var sameTime = page(mvc.perform(post(STAFF_PAGE)
                        .session(staff)
                        .with(csrf())
                        .param("title", title)
                        .param("startsAt", "2030-05-01T10:00")
                        .param("endsAt", "2030-05-01T10:00"))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(error(sameTime, "endsAt")).isEqualTo("The end must come after the start.");

        for (String bad :
                List.of("tomorrow", "2030-13-45T10:00", "+99999-01-01T00:00", "1899-01-01T00:00", "x".repeat(41))) {
            var malformed = page(mvc.perform(post(STAFF_PAGE)
                            .session(staff)
                            .with(csrf())
                            .param("title", title)
                            .param("startsAt", bad)
                            .param("endsAt", "2030-05-01T10:00"))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString());
            assertThat(error(malformed, "startsAt"))
                    .as(bad)
                    .startsWith(bad.length() > 40 ? "Too long" : "Please enter a valid date");
        }
        var empty = page(mvc.perform(post(STAFF_PAGE)
                        .session(staff)
                        .with(csrf())
                        .param("title", "")
                        .param("startsAt", "")
                        .param("endsAt", ""))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(error(empty, "title")).isEqualTo("Please fill in this field.");
        assertThat(error(empty, "startsAt")).isEqualTo("Please fill in this field.");
        assertThat(error(empty, "endsAt")).isEqualTo("Please fill in this field.");
        assertThat(count("select count(*) from ideas_storm where title = ?", title))
                .isZero();
    }

    @Test
    void ideasCannotJoinASessionThatIsNotOpen() throws Exception {
        String ended = ideas.createStorm(
                "Ended session " + UUID.randomUUID(),
                "",
                null,
                Instant.now().minus(Duration.ofDays(10)),
                Instant.now().minus(Duration.ofDays(1)),
                staffId);
        String upcoming = ideas.createStorm(
                "Upcoming session " + UUID.randomUUID(),
                "",
                null,
                Instant.now().plus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(10)),
                staffId);
        for (String slug : List.of(ended, upcoming, "no-such-session")) {
            String title = "Late idea " + UUID.randomUUID();
            mvc.perform(newIdea(customer, board, title, "Too late?")
                            .header("Accept-Language", "de")
                            .param("storm", slug))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("Diese Storm-Session nimmt gerade keine Ideen an")));
            assertThat(count("select count(*) from ideas_idea where title = ?", title))
                    .isZero();
        }
        mvc.perform(get("/ideas/new").param("storm", ended).session(customer))
                .andExpect(content().string(not(containsString("value=\"" + ended + "\""))))
                .andExpect(content().string(containsString("This storm session does not take ideas now")));
    }

    @Test
    void aSessionWithABoardTakesIdeasForThatBoardOnly() throws Exception {
        String slug = openStorm("Board session " + UUID.randomUUID(), board);
        String title = "Wrong board idea " + UUID.randomUUID();
        mvc.perform(newIdea(customer, otherBoard, title, "Elsewhere.").param("storm", slug))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("collects ideas for the board")));
        assertThat(count("select count(*) from ideas_idea where title = ?", title))
                .isZero();
    }

    @Test
    void anEndedSessionShowsItsResults() throws Exception {
        String slug = openStorm("Results session " + UUID.randomUUID(), null);
        UUID author = id(TestAccounts.create(identity, "author", Role.CUSTOMER));
        UUID voter = id(TestAccounts.create(identity, "voter", Role.CUSTOMER));
        long best = ideas.submitToStorm(slug, author, board, "Best storm idea", "text");
        long second = ideas.submitToStorm(slug, voter, board, "Second storm idea", "text");
        long outside = ideas.submit(author, board, "Idea outside the session", "text");
        ideas.vote(best, voter, 1);
        ideas.vote(second, author, -1);
        ideas.vote(outside, voter, 1);
        ideas.changeStatus(best, IdeaStatus.PLANNED, "", staffId);
        mvc.perform(get("/ideas/storms/" + slug)).andExpect(content().string(not(containsString("People who voted"))));

        ideas.rescheduleStorm(
                slug, Instant.now().minus(Duration.ofDays(5)), Instant.now().minus(Duration.ofDays(1)));
        var results = page(mvc.perform(get("/ideas/storms/" + slug))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(results.select("dl.facts dd").eachText()).containsExactly("2", "2", "4");
        assertThat(results.select("ol:not(.ideas) > li a").eachText())
                .containsExactly("Best storm idea", "Second storm idea");
        assertThat(results.text()).contains("Planned", "Ended").doesNotContain("Idea outside the session");
        assertThat(Jsoup.parse(mvc.perform(get("/ideas/storms/" + slug).header("Accept-Language", "de"))
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                        .text())
                .contains("Ergebnisse", "Abstimmende Personen", "Beendet", "Geplant");
        mvc.perform(get("/ideas/storms")).andExpect(content().string(containsString("Results session")));
        mvc.perform(get("/ideas/storms/no-such-session")).andExpect(status().isNotFound());
    }

    @Test
    void hostileAndNaughtySessionTitlesAreShownAsText() throws Exception {
        List<String> titles = List.of(
                "<script>alert(1)</script>",
                "<img src=x onerror=alert(1)>",
                "<svg onload=alert(1)><a href=\"javascript:alert(1)\">x</a>",
                "\"><iframe src=javascript:alert(1)>",
                "'; drop table ideas_storm; --",
                "${7*7} __${T(java.lang.Runtime).getRuntime()}__ #{ideas.title} {0}",
                "Ωmega \u202Egnp.exe \u200B zero-width 🌩️ Sturm ÄÖÜß",
                "日本語のセッション");
        for (String title : titles) {
            String location = mvc.perform(post(STAFF_PAGE)
                            .session(staff)
                            .with(csrf())
                            .param("title", title)
                            .param("description", "<script>alert(2)</script> [x](javascript:alert(3)) <svg onload=x>")
                            .param("startsAt", local(Instant.now().minus(Duration.ofMinutes(5))))
                            .param("endsAt", local(Instant.now().plus(Duration.ofDays(1)))))
                    .andExpect(redirectedUrlPattern("/ideas/storms/*"))
                    .andReturn()
                    .getResponse()
                    .getRedirectedUrl();
            assertThat(location).as(title).matches("/ideas/storms/[a-z0-9]+(-[a-z0-9]+)*");
            for (String url : List.of(location, "/ideas/storms", "/ideas")) {
                assertHarmless(mvc.perform(get(url)).andExpect(status().isOk()).andReturn(), title);
            }
            assertHarmless(mvc.perform(get(STAFF_PAGE).session(staff)).andReturn(), title);
        }
        var tooLong = page(mvc.perform(post(STAFF_PAGE)
                        .session(staff)
                        .with(csrf())
                        .param("title", "x".repeat(10_000))
                        .param("description", "y".repeat(10_001))
                        .param("startsAt", "2030-01-01T10:00")
                        .param("endsAt", "2030-01-02T10:00"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(error(tooLong, "title")).isEqualTo("Too long: at most 150 characters.");
        assertThat(tooLong.select(".field-error").eachText()).contains("Too long: at most 10000 characters.");
    }

    private static void assertHarmless(org.springframework.test.web.servlet.MvcResult result, String title)
            throws Exception {
        var main = Jsoup.parse(result.getResponse().getContentAsString()).selectFirst("main");
        assertThat(main).isNotNull();
        assertThat(main.select("script, img, svg, iframe")).as(title).isEmpty();
        assertThat(main.getAllElements().stream()
                        .flatMap(element -> element.attributes().asList().stream())
                        .map(attribute -> attribute.getKey() + "=" + attribute.getValue()))
                .as(title)
                .noneMatch(attribute ->
                        attribute.startsWith("on") || attribute.matches("(?is)(href|src|action)=\\s*javascript:.*"));
        assertThat(main.text()).as(title).contains(shown(title));
    }

    /** The title as page text reads it: jsoup drops zero-width spaces and collapses white space. */
    private static String shown(String title) {
        return title.replace("\u200B", "").strip().replaceAll("\\s+", " ");
    }

    private String openStorm(String title, UUID category) {
        return ideas.createStorm(
                title,
                "",
                category,
                Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1)),
                staffId);
    }

    /** What a browser's date-time field sends, in the site's zone (the system's in tests). */
    private static String local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneId.systemDefault())
                .truncatedTo(ChronoUnit.MINUTES)
                .toString();
    }

    private static org.jsoup.nodes.Document page(String html) {
        return Jsoup.parse(html);
    }

    private static String error(org.jsoup.nodes.Document page, String field) {
        Element error = page.getElementById(field + "-error");
        return error == null ? "" : error.text();
    }

    private UUID stormId(String slug) {
        return jdbc.sql("select id from ideas_storm where slug = ?")
                .param(slug)
                .query(UUID.class)
                .single();
    }

    private int count(String sql, Object... parameters) {
        return jdbc.sql(sql).params(parameters).query(Integer.class).single();
    }
}
