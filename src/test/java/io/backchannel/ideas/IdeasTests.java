package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.ideas.internal.IdeaPortal;
import io.backchannel.identity.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@IntegrationTest
@RecordApplicationEvents
class IdeasTests extends IdeasIntegrationTest {

    @Autowired
    ApplicationEvents events;

    UUID board;
    UUID upOnlyBoard;

    @BeforeEach
    void boards() {
        String suffix = marker();
        board = ideas.createCategory("board-" + suffix, "Board " + suffix, "", false);
        upOnlyBoard = ideas.createCategory("up-" + suffix, "Up " + suffix, "", true);
    }

    @Test
    void customerSubmitsAnIdeaThatCountsTheirOwnPromote() throws Exception {
        var session = logIn("author", Role.CUSTOMER);
        String location = mvc.perform(
                        newIdea(session, board, "Solar charger in the tent", "A **small** panel on the roof."))
                .andExpect(redirectedUrlPattern("/ideas/*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        mvc.perform(get(location))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Solar charger in the tent")))
                .andExpect(content().string(containsString("<strong>small</strong>")));
        long number = Long.parseLong(location.substring("/ideas/".length()));
        assertThat(score(number)).isEqualTo(1);
        assertThat(events.stream(IdeaSubmitted.class).filter(event -> event.number() == number))
                .hasSize(1);
    }

    @Test
    void refusesEmptyTooLongAndUnknownCategoryWithMessages() throws Exception {
        var session = logIn("author", Role.CUSTOMER);
        mvc.perform(post("/ideas/new")
                        .session(session)
                        .with(csrf())
                        .header("Accept-Language", "de")
                        .param("title", "x".repeat(151))
                        .param("description", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("höchstens 150 Zeichen")))
                .andExpect(content().string(containsString("Bitte füllen Sie dieses Feld aus.")))
                .andExpect(content().string(containsString("Bitte wählen Sie mindestens eines aus.")));
        mvc.perform(newIdea(session, UUID.randomUUID(), "Ghost board", "text"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Please choose one of the offered values.")));
    }

    @Test
    void hostileMarkdownNeverReachesThePageAsMarkup() throws Exception {
        UUID author = account("hostile", Role.CUSTOMER);
        long number = ideas.submit(
                author,
                board,
                "<script>alert(1)</script>",
                "<img src=x onerror=alert(1)> [click](javascript:alert(1)) <svg onload=alert(1)>"
                        + " <a href=\"https://example.org\" onclick=\"x()\">ok</a>");
        String page =
                mvc.perform(get("/ideas/" + number)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        var main = Jsoup.parse(page).select("main").first();
        assertThat(main).isNotNull();
        assertThat(main.select("script, img, svg, iframe, object")).isEmpty();
        assertThat(main.getAllElements().stream()
                        .flatMap(element -> element.attributes().asList().stream())
                        .map(attribute -> attribute.getKey() + "=" + attribute.getValue()))
                .noneMatch(attribute -> attribute.startsWith("on") || attribute.contains("javascript:"));
        assertThat(main.select(".prose").text()).contains("<img src=x onerror=alert(1)>");
        // The share box carries the absolute permalink, and the hostile title only escaped inside the mail link.
        assertThat(main.select("#share-link").attr("value")).matches("https?://[^\\s\"<>]+/ideas/" + number);
        assertThat(main.select(".share a[href^=mailto:]").attr("href"))
                .startsWith("mailto:?subject=%3Cscript%3Ealert(1)%3C/script%3E&body=http");
    }

    @Test
    void votesCanBeChangedAndWithdrawnAndAreCountedOnce() {
        UUID author = account("author", Role.CUSTOMER);
        UUID voter = account("voter", Role.CUSTOMER);
        long number = ideas.submit(author, board, "Longer warranty", "Five years, please.");
        ideas.vote(number, voter, 1);
        ideas.vote(number, voter, 1);
        assertThat(score(number)).isEqualTo(2);
        ideas.vote(number, voter, -1);
        assertThat(score(number)).isZero();
        assertThat(counts(number)).containsExactly(1, 1);
        ideas.vote(number, voter, 0);
        assertThat(counts(number)).containsExactly(1, 0);
    }

    @Test
    void refusesDemotesOnUpOnlyBoardsAndVotesOnClosedIdeas() {
        UUID author = account("author", Role.CUSTOMER);
        UUID staff = account("staff", Role.STAFF);
        long upOnly = ideas.submit(author, upOnlyBoard, "Only up", "text");
        assertThatThrownBy(() -> ideas.vote(upOnly, account("voter", Role.CUSTOMER), -1))
                .isInstanceOf(IdeaPortal.VoteRefused.class);
        long closed = ideas.submit(author, board, "Already done", "text");
        ideas.changeStatus(closed, IdeaStatus.IMPLEMENTED, "Shipped in spring.", staff);
        assertThatThrownBy(() -> ideas.vote(closed, account("late", Role.CUSTOMER), 1))
                .isInstanceOf(IdeaPortal.VoteRefused.class);
    }

    @Test
    void parallelVotesAreCountedExactlyOnceEach() throws Exception {
        long number = ideas.submit(account("author", Role.CUSTOMER), board, "Popular idea", "text");
        List<UUID> voters = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            voters.add(account("crowd", Role.CUSTOMER));
        }
        List<Callable<Void>> votes = new ArrayList<>();
        for (UUID voter : voters) {
            for (int repeat = 0; repeat < 3; repeat++) {
                votes.add(() -> {
                    ideas.vote(number, voter, 1);
                    return null;
                });
            }
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (var result : pool.invokeAll(votes)) {
                result.get();
            }
        }
        assertThat(score(number)).isEqualTo(41);
        assertThat(jdbc.sql(
                                "select count(*) from ideas_vote v join ideas_idea i on i.id = v.idea_id where i.number = ?")
                        .param(number)
                        .query(Integer.class)
                        .single())
                .isEqualTo(41);
    }

    @Test
    void staffAnswerNeedsAnExplanationForNotPlannedAndCustomersCannotAnswer() throws Exception {
        long number = ideas.submit(account("author", Role.CUSTOMER), board, "Free shipping forever", "text");
        var customer = logIn("customer", Role.CUSTOMER);
        mvc.perform(post("/ideas/" + number + "/status")
                        .session(customer)
                        .with(csrf())
                        .param("status", "PLANNED"))
                .andExpect(status().isForbidden());

        var staff = logIn("staff", Role.STAFF);
        mvc.perform(post("/ideas/" + number + "/status")
                        .session(staff)
                        .with(csrf())
                        .param("status", "NOT_PLANNED"))
                .andExpect(flash().attribute("flashError", "ideas.status.explanation-required"));
        mvc.perform(post("/ideas/" + number + "/status")
                        .session(staff)
                        .with(csrf())
                        .param("status", "NOT_PLANNED")
                        .param("explanation", "Shipping costs would double our prices."))
                .andExpect(flash().attribute("flash", "ideas.status.changed"));
        mvc.perform(get("/ideas/" + number))
                .andExpect(content().string(containsString("Shipping costs would double our prices.")))
                .andExpect(content().string(containsString("Not planned")));
        assertThat(events.stream(IdeaStatusChanged.class)
                        .filter(event -> event.number() == number && event.to() == IdeaStatus.NOT_PLANNED))
                .hasSize(1);
    }

    @Test
    void searchStemsGermanAndEnglishWords() throws Exception {
        String marker = "zq" + UUID.randomUUID().toString().substring(0, 6);
        ideas.submit(account("author", Role.CUSTOMER), board, "Wasserdichte Taschen " + marker, "Für Kajaks.");
        ideas.submit(account("author", Role.CUSTOMER), board, "Repairing zippers " + marker, "Spare sliders.");
        mvc.perform(get("/ideas").param("q", "wasserdichte Tasche " + marker))
                .andExpect(content().string(containsString("Wasserdichte Taschen")))
                .andExpect(content().string(not(containsString("Repairing zippers"))));
        mvc.perform(get("/ideas").param("q", "repair zipper " + marker))
                .andExpect(content().string(containsString("Repairing zippers")));
    }

    @Test
    void hotRanksRecentVotesAboveOldOnes() {
        UUID author = account("author", Role.CUSTOMER);
        long old = ideas.submit(author, board, "Old favourite", "text");
        long fresh = ideas.submit(author, board, "Fresh idea", "text");
        for (int i = 0; i < 3; i++) {
            ideas.vote(old, account("fan", Role.CUSTOMER), 1);
        }
        // Four weeks ago with a one-week half-life, four votes weigh 4/16: less than the fresh idea's one vote.
        jdbc.sql("update ideas_idea set hot = hot / 16 where number = ?")
                .param(old)
                .update();
        var order = jdbc.sql("select number from ideas_idea where number in (?, ?) order by hot desc")
                .params(old, fresh)
                .query(Long.class)
                .list();
        assertThat(order).containsExactly(fresh, old);
        assertThat(score(old)).isEqualTo(4);
    }

    @Test
    void similarIdeasAreSuggestedWhileTyping() throws Exception {
        String marker = "zz" + UUID.randomUUID().toString().substring(0, 6);
        ideas.submit(account("author", Role.CUSTOMER), board, "Rental tents for festivals " + marker, "text");
        mvc.perform(get("/ideas/similar").param("title", "tents " + marker))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Rental tents for festivals")));
        mvc.perform(get("/ideas/similar").param("title", "!!! ???"))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<li"))));
    }

    @Test
    void followersAreMailedAboutAStatusChangeInTheirLanguage() throws Exception {
        UUID author = account("author", Role.CUSTOMER);
        String voterEmail = TestAccounts.email("voter");
        UUID voter = identity.createAccount(
                voterEmail, "Vera", TestAccounts.PASSWORD, java.util.Set.of(Role.CUSTOMER), "de");
        UUID staff = account("staff", Role.STAFF);
        long number = ideas.submit(author, board, "Night light in the tent", "text");
        ideas.vote(number, voter, 1);

        ideas.changeStatus(number, IdeaStatus.IMPLEMENTED, "Ships with every tent from May.", staff);

        String body = awaitMail(voterEmail);
        assertThat(body).contains("Neuer Status: Umgesetzt", "Ships with every tent from May.", "/ideas/" + number);
        mvc.perform(get("/ideas/in-action"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Night light in the tent")))
                .andExpect(content().string(containsString("improvement")));
    }

    @Test
    void atomFeedFollowsTheListFiltersAndEscapesEverything() throws Exception {
        String marker = "feed" + UUID.randomUUID().toString().substring(0, 6);
        UUID author = account("author", Role.CUSTOMER);
        long hostile =
                ideas.submit(author, board, "<b>bold</b> & \"quoted\" " + marker, "Body with <script>x</script>");
        ideas.submit(author, upOnlyBoard, "Other board " + marker, "text");
        String slug = jdbc.sql("select slug from ideas_category where id = ?")
                .param(board)
                .query(String.class)
                .single();

        String xml = mvc.perform(get("/ideas/feed.atom").param("category", slug).param("q", marker))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/atom+xml"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var feed = factory.newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var entries = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        assertThat(entries.getLength()).isOne();
        var entry = (org.w3c.dom.Element) entries.item(0);
        assertThat(entry.getElementsByTagName("title").item(0).getTextContent())
                .isEqualTo("<b>bold</b> & \"quoted\" " + marker);
        assertThat(entry.getElementsByTagName("id").item(0).getTextContent()).endsWith("/ideas/" + hostile);
        assertThat(entry.getElementsByTagName("content").item(0).getTextContent())
                .contains("&lt;script&gt;")
                .doesNotContain("<script>");
    }

    @Test
    void adminCreatesBoardsWithValidAddressesAndOthersCannot() throws Exception {
        String slug = "board-" + marker();
        var admin = logIn("admin", Role.ADMIN, Role.STAFF);
        mvc.perform(post("/admin/ideas/boards")
                        .session(admin)
                        .with(csrf())
                        .param("name", "Sleeping bags")
                        .param("slug", slug)
                        .param("description", "Down and synthetic")
                        .param("upVotesOnly", "true"))
                .andExpect(flash().attribute("flash", "ideas.boards.created"));
        mvc.perform(get("/admin/ideas/boards").session(admin))
                .andExpect(content().string(containsString(slug)))
                .andExpect(content().string(containsString("Promote only")));
        mvc.perform(post("/admin/ideas/boards")
                        .session(admin)
                        .with(csrf())
                        .param("name", "Again")
                        .param("slug", slug))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Another board already has this address.")));
        mvc.perform(post("/admin/ideas/boards")
                        .session(admin)
                        .with(csrf())
                        .header("Accept-Language", "de")
                        .param("name", "")
                        .param("slug", "Not A Slug!"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Bitte füllen Sie dieses Feld aus.")))
                .andExpect(content().string(containsString("nur Kleinbuchstaben, Ziffern")));

        var staff = logIn("staff", Role.STAFF);
        mvc.perform(get("/admin/ideas/boards").session(staff)).andExpect(status().isForbidden());
        mvc.perform(post("/admin/ideas/boards")
                        .session(staff)
                        .with(csrf())
                        .param("name", "x")
                        .param("slug", "x"))
                .andExpect(status().isForbidden());
    }

    @Test
    void votersFindTheirIdeasAndStaffExportTheListAsCsv() throws Exception {
        String marker = "csv" + UUID.randomUUID().toString().substring(0, 6);
        UUID author = account("author", Role.CUSTOMER);
        long liked = ideas.submit(author, board, "=SUM(A1) liked " + marker, "text");
        ideas.submit(author, board, "Ignored " + marker, "text");
        String voterEmail = TestAccounts.create(identity, "voter", Role.CUSTOMER);
        UUID voter = jdbc.sql("select id from identity_account where email = ?")
                .param(voterEmail)
                .query(UUID.class)
                .single();
        ideas.vote(liked, voter, 1);
        var voterSession = TestAccounts.login(mvc, voterEmail);
        mvc.perform(get("/ideas").session(voterSession).param("voted", "true").param("q", marker))
                .andExpect(content().string(containsString("liked " + marker)))
                .andExpect(content().string(not(containsString("Ignored " + marker))));
        mvc.perform(get("/ideas/export.csv").session(voterSession)).andExpect(status().isForbidden());

        var staff = logIn("staff", Role.STAFF);
        String csv = mvc.perform(get("/ideas/export.csv").session(staff).param("q", marker))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(csv.lines()).hasSize(3);
        assertThat(csv).contains("'=SUM(A1) liked " + marker, "Ignored " + marker);
    }

    @Test
    void jsonApiReadsIdeasWithoutATokenAndAnswersProblemsForUnknownOnes() throws Exception {
        String marker = "api" + UUID.randomUUID().toString().substring(0, 6);
        UUID staff = account("staff", Role.STAFF);
        long number = ideas.submit(account("author", Role.CUSTOMER), board, "Api idea " + marker, "*text*");
        ideas.changeStatus(number, IdeaStatus.PLANNED, "Next season.", staff);
        mvc.perform(get("/api/ideas").param("q", marker))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].number").value(number))
                .andExpect(jsonPath("$.items[0].status").value("PLANNED"));
        mvc.perform(get("/api/ideas/" + number))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.bodyHtml").value("<p><em>text</em></p>\n"))
                .andExpect(jsonPath("$.history[0].explanation").value("Next season."));
        mvc.perform(get("/api/ideas/999999999"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(post("/api/ideas")).andExpect(status().isUnauthorized());
    }

    @Test
    void ideaFeedTellsItsAnswersAndComments() throws Exception {
        UUID staff = account("staff", Role.STAFF);
        long number = ideas.submit(account("author", Role.CUSTOMER), board, "Followed idea", "text");
        ideas.changeStatus(number, IdeaStatus.UNDER_REVIEW, "Looking <into> it.", staff);
        var session = logIn("commenter", Role.CUSTOMER);
        mvc.perform(post("/ideas/" + number + "/comments")
                .session(session)
                .with(csrf())
                .param("body", "**Yes** please"));
        String xml = mvc.perform(get("/ideas/" + number + "/feed.atom"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/atom+xml"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(xml)
                .contains("<title>Under review</title>", "Looking &lt;into&gt; it.", "&lt;strong&gt;Yes&lt;/strong&gt;")
                .contains("<title>Comment by commenter</title>");
        mvc.perform(get("/ideas/999999999/feed.atom")).andExpect(status().isNotFound());
    }

    @Test
    void votingAndPostingNeedALogin() throws Exception {
        long number = ideas.submit(account("author", Role.CUSTOMER), board, "Anonymous vote", "text");
        mvc.perform(post("/ideas/" + number + "/vote").with(csrf()).param("value", "1"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        mvc.perform(get("/ideas/new")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/ideas/999999999")).andExpect(status().isNotFound());
    }

    private int score(long number) {
        return jdbc.sql("select promotes - demotes from ideas_idea where number = ?")
                .param(number)
                .query(Integer.class)
                .single();
    }

    private List<Integer> counts(long number) {
        return jdbc.sql("select promotes, demotes from ideas_idea where number = ?")
                .param(number)
                .query((rs, row) -> List.of(rs.getInt(1), rs.getInt(2)))
                .single();
    }
}
