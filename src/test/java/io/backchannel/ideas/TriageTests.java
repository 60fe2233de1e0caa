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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.ideas.internal.StaleIdeas;
import io.backchannel.identity.Role;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Staff's side of ideas: triage queue, acknowledgement, teams, internal notes, bulk changes and stale archiving. */
@IntegrationTest
@RecordApplicationEvents
class TriageTests extends IdeasIntegrationTest {

    static final String QUEUE = "/workspace/ideas/triage";
    static final String HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>[link](javascript:alert(3))";

    @Autowired
    StaleIdeas stale;

    @Autowired
    ApplicationEvents events;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    String marker;
    String slug;
    UUID board;
    UUID author;
    UUID staff;
    MockHttpSession staffSession;

    @BeforeEach
    void setUp() throws Exception {
        marker = "t" + marker();
        slug = "triage-" + marker;
        board = ideas.createCategory(slug, "Triage " + marker, "", false);
        author = account("author", Role.CUSTOMER);
        String staffEmail = TestAccounts.create(identity, "staff", Role.STAFF);
        staff = id(staffEmail);
        staffSession = TestAccounts.login(mvc, staffEmail);
    }

    @Test
    void queueListsNewIdeasOldestFirstWithDueDateAndCountsTheOverdueOnes() throws Exception {
        long fresh = submit("Fresh idea");
        long old = submit("Old idea");
        long older = submit("Older idea");
        backdate(old, "created_at", 8);
        backdate(older, "created_at", 9);
        ideas.changeStatus(submit("Answered idea"), IdeaStatus.UNDER_REVIEW, "", staff);

        String html = mvc.perform(get(QUEUE).session(staffSession).param("board", slug))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var page = Jsoup.parse(html);
        assertThat(page.select("table.triage tbody tr a").eachText())
                .containsExactly("Older idea " + marker, "Old idea " + marker, "Fresh idea " + marker);
        assertThat(page.select("[role=status]").text()).contains("3 ideas await acknowledgement", "2 overdue");
        assertThat(page.select("tr.overdue")).hasSize(2);
        assertThat(page.select("tr.overdue").text()).contains("Overdue");
        assertThat(page.text()).contains("within 7 days").doesNotContain("Answered idea " + marker);

        String overdueOnly = mvc.perform(
                        get(QUEUE).session(staffSession).param("board", slug).param("overdue", "true"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(Jsoup.parse(overdueOnly).select("table.triage tbody tr a").eachText())
                .containsExactly("Older idea " + marker, "Old idea " + marker);
        assertThat(fresh).isPositive();
    }

    @Test
    void staffAcknowledgesAnIdeaWhichLeavesTheQueueWithWhoAndWhen() throws Exception {
        long number = submit("To acknowledge");

        mvc.perform(post("/workspace/ideas/" + number + "/acknowledge")
                        .session(staffSession)
                        .with(csrf()))
                .andExpect(redirectedUrl(QUEUE))
                .andExpect(flash().attribute("flash", "ideas.triage.acknowledged"));

        assertThat(jdbc.sql("select acknowledged_by from ideas_idea where number = ?")
                        .param(number)
                        .query(UUID.class)
                        .single())
                .isEqualTo(staff);
        mvc.perform(get(QUEUE).session(staffSession).param("board", slug))
                .andExpect(content().string(not(containsString("To acknowledge " + marker))));
        mvc.perform(get("/ideas/" + number).session(staffSession))
                .andExpect(content().string(containsString("Acknowledged by staff")));
        mvc.perform(post("/workspace/ideas/999999999/acknowledge")
                        .session(staffSession)
                        .with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void aStatusChangeAcknowledgesTheIdeaButAcknowledgingAgainKeepsTheFirst() throws Exception {
        long number = submit("Answered directly");
        ideas.changeStatus(number, IdeaStatus.PLANNED, "", staff);
        UUID other = account("other-staff", Role.STAFF);
        ideas.changeStatus(number, IdeaStatus.IN_PROGRESS, "", other);

        assertThat(jdbc.sql("select acknowledged_by from ideas_idea where number = ? and acknowledged_at is not null")
                        .param(number)
                        .query(UUID.class)
                        .single())
                .isEqualTo(staff);
    }

    @Test
    void staffAssignsIdeasToATeamAndFiltersTheQueueByIt() throws Exception {
        UUID product = identity.createTeam("Product " + marker, "");
        long one = submit("For product");
        long two = submit("For nobody");

        mvc.perform(post("/workspace/ideas/" + one + "/team")
                        .session(staffSession)
                        .with(csrf())
                        .param("team", product.toString()))
                .andExpect(redirectedUrl("/ideas/" + one))
                .andExpect(flash().attribute("flash", "ideas.triage.assigned"));

        String html = mvc.perform(
                        get(QUEUE).session(staffSession).param("board", slug).param("team", product.toString()))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(Jsoup.parse(html).select("table.triage tbody tr").text())
                .contains("For product " + marker, "Product " + marker)
                .doesNotContain("For nobody " + marker);

        for (String bad : List.of(UUID.randomUUID().toString(), "not-a-uuid", "<script>x</script>")) {
            mvc.perform(post("/workspace/ideas/bulk/team")
                            .session(staffSession)
                            .with(csrf())
                            .param("idea", String.valueOf(two))
                            .param("team", bad))
                    .andExpect(flash().attribute("flashError", "ideas.triage.team-unknown"));
        }
        mvc.perform(post("/workspace/ideas/bulk/team")
                        .session(staffSession)
                        .with(csrf())
                        .param("idea", String.valueOf(one), String.valueOf(two))
                        .param("team", ""))
                .andExpect(flash().attribute("flash", "ideas.triage.assigned"));
        assertThat(jdbc.sql("select count(*) from ideas_idea where number in (?, ?) and team_id is null")
                        .params(one, two)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void customersAndVisitorsCannotSeeTheQueueOrTriage() throws Exception {
        long number = submit("Not for customers");
        var customer = logIn("customer", Role.CUSTOMER);

        mvc.perform(get(QUEUE).session(customer)).andExpect(status().isForbidden());
        mvc.perform(get(QUEUE)).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
        for (String action : List.of("acknowledge", "team")) {
            mvc.perform(post("/workspace/ideas/" + number + "/" + action)
                            .session(customer)
                            .with(csrf()))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post("/workspace/ideas/bulk/status")
                        .session(customer)
                        .with(csrf())
                        .param("idea", String.valueOf(number))
                        .param("status", "IMPLEMENTED"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/ideas/" + number).session(customer))
                .andExpect(content().string(not(containsString("For staff only"))));
        assertThat(statusOf(number)).isEqualTo("NEW");
        assertThat(jdbc.sql("select count(*) from ideas_idea where number = ? and acknowledged_at is null")
                        .param(number)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void internalNotesAreShownToStaffOnlyAndNeverPublished() throws Exception {
        long number = submit("Noted idea");
        String note = "Secret " + marker + " " + HOSTILE;

        mvc.perform(post("/workspace/ideas/" + number + "/notes")
                        .session(staffSession)
                        .with(csrf())
                        .param("body", note))
                .andExpect(redirectedUrl("/ideas/" + number + "#notes"))
                .andExpect(flash().attribute("flash", "ideas.notes.added"));

        String staffPage = mvc.perform(get("/ideas/" + number).session(staffSession))
                .andReturn()
                .getResponse()
                .getContentAsString();
        var notes = Jsoup.parse(staffPage).select("ol.notes");
        assertThat(notes.text()).contains("Secret " + marker, "staff");
        assertThat(notes.select("script, img, [onerror], a[href^=javascript]")).isEmpty();

        var customer = logIn("customer", Role.CUSTOMER);
        var authorSession = TestAccounts.login(mvc, emailOf(author));
        for (var request : List.of(
                get("/ideas/" + number),
                get("/ideas/" + number).session(customer),
                get("/ideas/" + number).session(authorSession),
                get("/ideas/" + number + "/feed.atom"),
                get("/ideas").param("q", "Noted"),
                get("/ideas/feed.atom"),
                get("/api/ideas/" + number),
                get("/api/ideas"),
                get("/ideas/export.csv").session(staffSession).param("q", "Noted"))) {
            mvc.perform(request)
                    .andExpect(status().isOk())
                    .andExpect(content().string(not(containsString("Secret " + marker))));
        }
    }

    @Test
    void customersAndVisitorsCannotPostNotes() throws Exception {
        long number = submit("No customer notes");
        var customer = logIn("customer", Role.CUSTOMER);

        mvc.perform(post("/workspace/ideas/" + number + "/notes")
                        .session(customer)
                        .with(csrf())
                        .param("body", "I am staff now"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/workspace/ideas/" + number + "/notes").with(csrf()).param("body", "Anonymous"))
                .andExpect(redirectedUrl("/login"));
        assertThat(notes(number)).isZero();
    }

    @Test
    void refusesEmptyAndTooLongNotes() throws Exception {
        long number = submit("Bad notes");
        for (var bad : List.of(
                List.of("", "ideas.notes.empty"),
                List.of("   ", "ideas.notes.empty"),
                List.of("x".repeat(10_000), "ideas.notes.too-long"))) {
            mvc.perform(post("/workspace/ideas/" + number + "/notes")
                            .session(staffSession)
                            .with(csrf())
                            .param("body", bad.get(0)))
                    .andExpect(flash().attribute("flashError", bad.get(1)));
        }
        assertThat(notes(number)).isZero();
        mvc.perform(post("/workspace/ideas/999999999/notes")
                        .session(staffSession)
                        .with(csrf())
                        .param("body", "lost"))
                .andExpect(status().isNotFound());
    }

    @Test
    void bulkChangeGivesEveryIdeaItsOwnHistoryEventAndMail() throws Exception {
        String authorEmail = emailOf(author);
        long one = submit("Bulk one");
        long two = submit("Bulk two");
        long three = submit("Bulk three");
        long before = events.stream(IdeaStatusChanged.class).count();

        mvc.perform(post("/workspace/ideas/bulk/status")
                        .session(staffSession)
                        .with(csrf())
                        .param("idea", String.valueOf(one), String.valueOf(two), String.valueOf(three))
                        .param("status", "PLANNED")
                        .param("explanation", "All three in spring " + marker))
                .andExpect(redirectedUrl(QUEUE))
                .andExpect(flash().attribute("flash", "ideas.bulk.changed"));

        for (long number : List.of(one, two, three)) {
            assertThat(statusOf(number)).isEqualTo("PLANNED");
            assertThat(jdbc.sql(
                                    """
                                    select count(*) from ideas_status_change s join ideas_idea i on i.id = s.idea_id
                                    where i.number = ? and s.to_status = 'PLANNED' and s.explanation = ?""")
                            .params(number, "All three in spring " + marker)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        }
        assertThat(events.stream(IdeaStatusChanged.class).count() - before).isEqualTo(3);
        assertThat(awaitMails(authorEmail, 3)).allMatch(body -> body.contains("All three in spring " + marker));
    }

    @Test
    void bulkChangeIsAllOrNothingAndRefusesBadInput() throws Exception {
        long one = submit("Bulk kept");
        String number = String.valueOf(one);
        mvc.perform(post("/workspace/ideas/bulk/status")
                        .session(staffSession)
                        .with(csrf())
                        .param("idea", number, "999999999")
                        .param("status", "PLANNED"))
                .andExpect(flash().attribute("flashError", "ideas.bulk.invalid"));
        assertThat(statusOf(one)).isEqualTo("NEW");

        record Case(List<String> ideas, String status, String explanation, String error) {}
        for (var bad : List.of(
                new Case(List.of(), "PLANNED", "", "ideas.bulk.none"),
                new Case(List.of("12abc"), "PLANNED", "", "ideas.bulk.invalid"),
                new Case(List.of(number), "NOT_PLANNED", " ", "ideas.status.explanation-required"),
                new Case(List.of(number), "<script>", "", "ideas.status.invalid"),
                new Case(List.of(number), "", "", "ideas.status.invalid"),
                new Case(List.of(number), "PLANNED", "x".repeat(10_000), "ideas.bulk.explanation-too-long"),
                new Case(java.util.Collections.nCopies(101, number), "PLANNED", "", "ideas.bulk.too-many"))) {
            mvc.perform(post("/workspace/ideas/bulk/status")
                            .session(staffSession)
                            .with(csrf())
                            .param("idea", bad.ideas().toArray(String[]::new))
                            .param("status", bad.status())
                            .param("explanation", bad.explanation()))
                    .andExpect(flash().attribute("flashError", bad.error()));
        }
        assertThat(statusOf(one)).isEqualTo("NEW");
    }

    @Test
    void staleIdeasAreArchivedWithATranslatedPublicNoticeEventAndMail() throws Exception {
        String followerEmail = TestAccounts.email("follower");
        UUID follower =
                identity.createAccount(followerEmail, "Fritz", TestAccounts.PASSWORD, Set.of(Role.CUSTOMER), "de");
        long stalled = submit("Stalled idea");
        long planned = submit("Stalled plan");
        long recent = submit("Recent idea");
        long done = submit("Done long ago");
        ideas.vote(stalled, follower, 1);
        ideas.changeStatus(planned, IdeaStatus.PLANNED, "", staff);
        ideas.changeStatus(done, IdeaStatus.IMPLEMENTED, "Shipped", staff);
        for (long number : List.of(stalled, planned, done)) {
            backdate(number, "status_changed_at", 200);
        }
        backdate(recent, "status_changed_at", 170);

        stale.archive();

        assertThat(statusOf(stalled)).isEqualTo("ARCHIVED");
        assertThat(statusOf(planned)).isEqualTo("PLANNED");
        assertThat(statusOf(recent)).isEqualTo("NEW");
        assertThat(statusOf(done)).isEqualTo("IMPLEMENTED");
        assertThat(events.stream(IdeaStatusChanged.class)
                        .filter(e -> e.number() == stalled)
                        .toList())
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.from()).isEqualTo(IdeaStatus.NEW);
                    assertThat(e.to()).isEqualTo(IdeaStatus.ARCHIVED);
                });
        mvc.perform(get("/ideas/" + stalled))
                .andExpect(
                        content().string(containsString("Archived automatically after 6 months without an update.")));
        mvc.perform(get("/ideas/" + stalled).header("Accept-Language", "de"))
                .andExpect(content().string(containsString("Automatisch archiviert nach 6 Monaten ohne Neuigkeiten.")));
        mvc.perform(get("/api/ideas/" + stalled))
                .andExpect(content().string(containsString("Archived automatically after 6 months")));
        assertThat(awaitMails(followerEmail, 1).get(0))
                .contains("Archiviert", "Automatisch archiviert nach 6 Monaten ohne Neuigkeiten.");

        stale.archive();
        assertThat(jdbc.sql(
                                """
                                select count(*) from ideas_status_change s join ideas_idea i on i.id = s.idea_id
                                where i.number = ? and s.stale_months is not null""")
                        .param(stalled)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anotherNodeArchivingAnIdeaAtTheSameTimeIsSkippedNotWaitedFor() throws Exception {
        long number = submit("Locked elsewhere");
        backdate(number, "status_changed_at", 200);
        var locked = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        var otherNode = java.util.concurrent.Executors.newSingleThreadExecutor();
        var holding = otherNode.submit(() -> transactions.executeWithoutResult(status -> {
            jdbc.sql("select id from ideas_idea where number = ? for update")
                    .param(number)
                    .query(UUID.class)
                    .single();
            locked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            locked.await();
            stale.archive();
            assertThat(statusOf(number)).isEqualTo("NEW");
        } finally {
            release.countDown();
            holding.get();
            otherNode.shutdown();
        }
        stale.archive();
        assertThat(statusOf(number)).isEqualTo("ARCHIVED");
    }

    long submit(String title) {
        return ideas.submit(author, board, title + " " + marker, "text");
    }

    void backdate(long number, String column, int days) {
        jdbc.sql("update ideas_idea set " + column + " = now() - make_interval(days => ?) where number = ?")
                .params(days, number)
                .update();
    }

    String statusOf(long number) {
        return jdbc.sql("select status from ideas_idea where number = ?")
                .param(number)
                .query(String.class)
                .single();
    }

    int notes(long number) {
        return jdbc.sql("select count(*) from ideas_note n join ideas_idea i on i.id = n.idea_id where i.number = ?")
                .param(number)
                .query(Integer.class)
                .single();
    }

    String emailOf(UUID account) {
        return jdbc.sql("select email from identity_account where id = ?")
                .param(account)
                .query(String.class)
                .single();
    }

    List<String> awaitMails(String recipient, int count) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var bodies = jdbc.sql("select body from system_mail where recipient = ? order by created_at")
                    .param(recipient)
                    .query(String.class)
                    .list();
            if (bodies.size() >= count) {
                return bodies;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Fewer than " + count + " mails to " + recipient);
    }
}
