package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.ideas.internal.IdeaMerges;
import io.backchannel.ideas.internal.IdeaPortal;
import io.backchannel.identity.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Merging duplicates: votes counted once, comments and subscribers moved, both pages tell, bad merges refused. */
@IntegrationTest
@RecordApplicationEvents
class MergeTests extends IdeasIntegrationTest {

    @Autowired
    IdeaPortal portal;

    @Autowired
    ApplicationEvents events;

    UUID board;
    String staffEmail;
    UUID staff;
    MockHttpSession staffSession;

    @BeforeEach
    void setUp() throws Exception {
        board = ideas.createCategory("merge-" + UUID.randomUUID(), "Merge board", "", false);
        staffEmail = TestAccounts.create(identity, "staff", Role.STAFF);
        staff = id(staffEmail);
        staffSession = TestAccounts.login(mvc, staffEmail);
    }

    @Test
    void votesMoveWithoutDoubleCountingAndTheSurvivorIsRescoredExactly() throws Exception {
        UUID duplicateAuthor = account("dup-author");
        UUID survivorAuthor = account("surv-author");
        UUID both = account("both");
        UUID onlyDuplicate = account("only-dup");
        UUID onlySurvivor = account("only-surv");
        long survivor = ideas.submit(survivorAuthor, board, "Lantern with USB-C", "Charge it by cable.");
        long duplicate = ideas.submit(duplicateAuthor, board, "USB-C lantern", "Same thing.");
        ideas.vote(duplicate, both, 1);
        ideas.vote(survivor, both, -1);
        ideas.vote(duplicate, survivorAuthor, 1);
        ideas.vote(duplicate, onlyDuplicate, -1);
        ideas.vote(survivor, onlySurvivor, 1);
        ideas.comment(duplicate, onlyDuplicate, "I would buy *two*.", false);

        mvc.perform(post("/ideas/" + duplicate + "/merge")
                        .session(staffSession)
                        .with(csrf())
                        .param("into", "#" + survivor)
                        .param("note", "Thanks for spotting it."))
                .andExpect(redirectedUrl("/ideas/" + survivor))
                .andExpect(flash().attribute("flash", "ideas.merge.done"));

        // Survivor: its author +1, "both" keeps -1 (the survivor's vote), onlySurvivor +1, and moved over:
        // the duplicate's author +1 and onlyDuplicate -1; survivorAuthor's second vote is dropped.
        assertThat(voteValues(survivor))
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                        survivorAuthor, 1, both, -1, onlySurvivor, 1, duplicateAuthor, 1, onlyDuplicate, -1));
        assertThat(counts(survivor)).containsExactly(3, 2);
        assertThat(counts(duplicate)).containsExactly(0, 0);
        assertThat(hot(survivor)).isCloseTo(expectedHot(survivor), within(1e-9 * Math.abs(expectedHot(survivor))));
        assertThat(hot(duplicate)).isZero();
        assertThat(jdbc.sql("select moved_votes, moved_comments from ideas_merge m join ideas_idea i"
                                + " on i.id = m.merged_id where i.number = ?")
                        .param(duplicate)
                        .query((rs, row) -> List.of(rs.getInt(1), rs.getInt(2)))
                        .single())
                .containsExactly(2, 1);

        assertThat(statusOf(duplicate)).isEqualTo("DUPLICATE");
        assertThat(events.stream(IdeaStatusChanged.class)
                        .filter(event -> event.number() == duplicate && event.to() == IdeaStatus.DUPLICATE))
                .hasSize(1);

        var survivorPage = Jsoup.parse(page(survivor));
        assertThat(survivorPage.select(".prose").text()).contains("I would buy two.");
        assertThat(survivorPage.select("main .notice").text()).contains("Merged from", "#" + duplicate);
        assertThat(survivorPage.select("main .notice a").attr("href")).isEqualTo("/ideas/" + duplicate);

        var customer = logIn("reader", Role.CUSTOMER);
        var duplicatePage = Jsoup.parse(mvc.perform(get("/ideas/" + duplicate).session(customer))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(duplicatePage.select("main .notice").text()).contains("merged into", "#" + survivor);
        assertThat(duplicatePage.select("main .notice a").attr("href")).isEqualTo("/ideas/" + survivor);
        assertThat(duplicatePage.select(".history .explanation").text())
                .contains("Merged into #" + survivor, "/ideas/" + survivor, "Thanks for spotting it.");
        assertThat(duplicatePage.select("form[action$=/vote]")).isEmpty();
        assertThat(duplicatePage.select("form[action$=/merge]")).isEmpty();
    }

    @Test
    void mergedIdeaTakesNoMoreVotesAndCannotBeReopened() throws Exception {
        long survivor = ideas.submit(account("a"), board, "Survivor", "text");
        long duplicate = ideas.submit(account("b"), board, "Duplicate", "text");
        ideas.merge(duplicate, survivor, "", staff);

        assertThatThrownBy(() -> ideas.vote(duplicate, account("late"), 1)).isInstanceOf(IdeaPortal.VoteRefused.class);
        mvc.perform(post("/ideas/" + duplicate + "/status")
                        .session(staffSession)
                        .with(csrf())
                        .param("status", "NEW"))
                .andExpect(flash().attribute("flashError", "ideas.merge.refused.ALREADY_MERGED"));
        assertThat(statusOf(duplicate)).isEqualTo("DUPLICATE");
        assertThat(counts(duplicate)).containsExactly(0, 0);
    }

    @Test
    void customersAndVisitorsCannotMerge() throws Exception {
        long survivor = ideas.submit(account("a"), board, "Survivor", "text");
        long duplicate = ideas.submit(account("b"), board, "Duplicate", "text");
        var customer = logIn("customer", Role.CUSTOMER);
        mvc.perform(post("/ideas/" + duplicate + "/merge")
                        .session(customer)
                        .with(csrf())
                        .param("into", String.valueOf(survivor)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/ideas/" + duplicate + "/merge").with(csrf()).param("into", String.valueOf(survivor)))
                .andExpect(redirectedUrl("/login"));
        mvc.perform(post("/ideas/" + duplicate + "/merge").session(staffSession).param("into", "" + survivor))
                .andExpect(status().isForbidden());
        assertThat(Jsoup.parse(mvc.perform(get("/ideas/" + duplicate).session(customer))
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                        .select("form[action$=/merge]"))
                .isEmpty();
        assertThat(statusOf(duplicate)).isEqualTo("NEW");
        assertThat(counts(survivor)).containsExactly(1, 0);
    }

    @Test
    void refusesBadMergesWithClearMessages() throws Exception {
        long survivor = ideas.submit(account("a"), board, "Survivor", "text");
        long duplicate = ideas.submit(account("b"), board, "Duplicate", "text");
        long other = ideas.submit(account("c"), board, "Other", "text");
        ideas.merge(duplicate, survivor, "", staff);

        expectRefusal(other, String.valueOf(other), "ideas.merge.refused.SAME");
        expectRefusal(other, String.valueOf(duplicate), "ideas.merge.refused.SURVIVOR_MERGED");
        expectRefusal(duplicate, String.valueOf(other), "ideas.merge.refused.ALREADY_MERGED");
        expectRefusal(other, "999999999", "ideas.merge.refused.UNKNOWN");
        for (String bad : List.of("", "abc", "-3", "0", "<script>alert(1)</script>", "1".repeat(10_000))) {
            expectRefusal(other, bad, "ideas.merge.invalid-number");
        }
        mvc.perform(post("/ideas/" + other + "/merge")
                        .session(staffSession)
                        .with(csrf())
                        .param("into", String.valueOf(survivor))
                        .param("note", "x".repeat(10_000)))
                .andExpect(flash().attribute("flashError", "ideas.merge.note-too-long"));
        mvc.perform(post("/ideas/999999998/merge")
                        .session(staffSession)
                        .with(csrf())
                        .param("into", String.valueOf(survivor)))
                .andExpect(status().isNotFound());
        assertThat(statusOf(other)).isEqualTo("NEW");
        assertThat(counts(survivor)).containsExactly(2, 0);

        mvc.perform(get("/ideas/" + other).session(staffSession).header("Accept-Language", "de"))
                .andExpect(content().string(containsString("In eine andere Idee zusammenführen")));
    }

    @Test
    void hostileNoteIsShownAsText() throws Exception {
        long survivor = ideas.submit(account("a"), board, "Survivor", "text");
        long duplicate = ideas.submit(account("b"), board, "Duplicate", "text");
        ideas.merge(duplicate, survivor, "<img src=x onerror=alert(1)><script>alert(2)</script>", staff);
        var main = Jsoup.parse(page(duplicate)).select("main").first();
        assertThat(main).isNotNull();
        assertThat(main.select("script, img")).isEmpty();
        assertThat(main.select(".history .explanation").text()).contains("<img src=x onerror=alert(1)>");
    }

    @Test
    void oppositeMergesAtTheSameTimeNeitherDeadlockNorBothSucceed() throws Exception {
        for (int round = 0; round < 5; round++) {
            long first = ideas.submit(account("a"), board, "First " + round, "text");
            long second = ideas.submit(account("b"), board, "Second " + round, "text");
            ideas.vote(first, account("v"), 1);
            List<Callable<Void>> merges = List.of(
                    () -> {
                        ideas.merge(first, second, "", staff);
                        return null;
                    },
                    () -> {
                        ideas.merge(second, first, "", staff);
                        return null;
                    });
            var refused = new ArrayList<Throwable>();
            try (var pool = Executors.newFixedThreadPool(2)) {
                for (var result : pool.invokeAll(merges)) {
                    try {
                        result.get();
                    } catch (ExecutionException e) {
                        refused.add(e.getCause());
                    }
                }
            }
            assertThat(refused).singleElement().isInstanceOf(IdeaMerges.MergeRefused.class);
            assertThat(List.of(statusOf(first), statusOf(second))).containsExactlyInAnyOrder("DUPLICATE", "NEW");
            int total = counts(first).get(0) + counts(second).get(0);
            assertThat(total).isEqualTo(3);
        }
    }

    private void expectRefusal(long from, String into, String message) throws Exception {
        mvc.perform(post("/ideas/" + from + "/merge")
                        .session(staffSession)
                        .with(csrf())
                        .param("into", into))
                .andExpect(redirectedUrl("/ideas/" + from))
                .andExpect(flash().attribute("flashError", message));
    }

    private String page(long number) throws Exception {
        return mvc.perform(get("/ideas/" + number)).andReturn().getResponse().getContentAsString();
    }

    private UUID account(String prefix) {
        return account(prefix, Role.CUSTOMER);
    }

    private java.util.Map<UUID, Integer> voteValues(long number) {
        var values = new java.util.HashMap<UUID, Integer>();
        jdbc.sql(
                        "select v.account_id, v.value from ideas_vote v join ideas_idea i on i.id = v.idea_id where i.number = ?")
                .param(number)
                .query(rs -> {
                    values.put(rs.getObject(1, UUID.class), rs.getInt(2));
                });
        return values;
    }

    private List<Integer> counts(long number) {
        return jdbc.sql("select promotes, demotes from ideas_idea where number = ?")
                .param(number)
                .query((rs, row) -> List.of(rs.getInt(1), rs.getInt(2)))
                .single();
    }

    private String statusOf(long number) {
        return jdbc.sql("select status from ideas_idea where number = ?")
                .param(number)
                .query(String.class)
                .single();
    }

    private double hot(long number) {
        return jdbc.sql("select hot from ideas_idea where number = ?")
                .param(number)
                .query(Double.class)
                .single();
    }

    /** The definition of the hot score (see HotScore): each vote weighted 2^((cast - epoch) / half-life). */
    private double expectedHot(long number) {
        double halfLife = Duration.ofDays(7).toSeconds();
        Instant epoch = Instant.parse("2026-01-01T00:00:00Z");
        return jdbc
                .sql("select v.value, v.cast_at from ideas_vote v join ideas_idea i on i.id = v.idea_id"
                        + " where i.number = ?")
                .param(number)
                .query((rs, row) -> rs.getInt(1)
                        * Math.pow(
                                2,
                                Duration.between(epoch, rs.getTimestamp(2).toInstant())
                                                .toSeconds()
                                        / halfLife))
                .list()
                .stream()
                .mapToDouble(Double::doubleValue)
                .sum();
    }
}
