package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.identity.Role;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@IntegrationTest
class BadgesTests extends IdeasIntegrationTest {

    UUID board;
    UUID staff;

    @BeforeEach
    void setUp() {
        board = ideas.createCategory("badges-" + UUID.randomUUID(), "Badges board", "", false);
        staff = account("staff", Role.STAFF);
    }

    @Test
    void firstIdeaBadgeComesWithTheFirstIdea() throws Exception {
        UUID person = account("newcomer", Role.CUSTOMER);
        assertThat(badges(person)).isEmpty();
        assertThat(profile(person).text()).contains("No badges yet.");

        long number = ideas.submit(person, board, "My very first idea", "text");
        assertThat(badges(person)).containsExactly("First idea");
        assertThat(profile(person).select(".ideas a").eachText()).containsExactly("My very first idea");
        var detail = page("/ideas/" + number);
        assertThat(detail.select(".idea-head .person .badge").eachText()).containsExactly("First idea");
        assertThat(detail.select(".idea-head .person a").attr("href")).isEqualTo("/ideas/people/" + person);
    }

    @Test
    void ideaImplementedBadgeNeedsAnImplementedIdea() throws Exception {
        UUID planned = account("planned", Role.CUSTOMER);
        UUID implemented = account("implemented", Role.CUSTOMER);
        UUID partly = account("partly", Role.CUSTOMER);
        ideas.changeStatus(ideas.submit(planned, board, "Planned only", "text"), IdeaStatus.PLANNED, "", staff);
        ideas.changeStatus(ideas.submit(implemented, board, "Done", "text"), IdeaStatus.IMPLEMENTED, "Shipped.", staff);
        ideas.changeStatus(
                ideas.submit(partly, board, "Half done", "text"), IdeaStatus.PARTIALLY_IMPLEMENTED, "In part.", staff);

        assertThat(badges(planned)).doesNotContain("Idea implemented");
        assertThat(badges(implemented)).contains("Idea implemented");
        assertThat(badges(partly)).contains("Idea implemented");
        assertThat(profile(implemented).text())
                .contains("At least one of their ideas has been implemented, fully or in part.");
    }

    @Test
    void helpfulCommenterCommentedOnThreeIdeasOfOthersBeforeTheyWereImplemented() throws Exception {
        UUID commenter = account("commenter", Role.CUSTOMER);
        UUID author = account("author", Role.CUSTOMER);
        long first = ideas.submit(author, board, "First", "text");
        long second = ideas.submit(author, board, "Second", "text");
        long third = ideas.submit(author, board, "Third", "text");
        long own = ideas.submit(commenter, board, "Own idea", "text");
        long late = ideas.submit(author, board, "Commented after it was done", "text");
        long staffOnly = ideas.submit(author, board, "Only staff commented", "text");
        for (long number : List.of(first, second, third, own)) {
            ideas.comment(number, commenter, "Good point.", false);
        }
        for (long number : List.of(first, second, own, late, staffOnly)) {
            ideas.changeStatus(number, IdeaStatus.IMPLEMENTED, "Done.", staff);
        }
        ideas.comment(late, commenter, "Nice that it is done.", false);
        ideas.comment(staffOnly, staff, "We did it.", true);
        ideas.changeStatus(third, IdeaStatus.PLANNED, "", staff);
        assertThat(badges(commenter)).doesNotContain("Helpful commenter");
        assertThat(badges(staff)).doesNotContain("Helpful commenter");

        ideas.changeStatus(third, IdeaStatus.PARTIALLY_IMPLEMENTED, "Partly.", staff);
        assertThat(badges(commenter)).contains("Helpful commenter");
        assertThat(profile(commenter).text())
                .contains("Commented on at least 3 ideas of other people before they were implemented.");
        var detail = page("/ideas/" + first);
        assertThat(detail.select(".comments .person .badge").eachText()).contains("Helpful commenter");
    }

    @Test
    void topContributorOfAMonthGotTheMostVotesFromOthersOnThatMonthsIdeas() throws Exception {
        LocalDate month = LocalDate.of(1980 + ThreadLocalRandom.current().nextInt(40), 3, 1);
        UUID leader = account("leader", Role.CUSTOMER);
        UUID tied = account("tied", Role.CUSTOMER);
        UUID runnerUp = account("runner-up", Role.CUSTOMER);
        UUID selfVoter = account("self-voter", Role.CUSTOMER);
        List<UUID> voters = List.of(
                account("voter", Role.CUSTOMER), account("voter", Role.CUSTOMER), account("voter", Role.CUSTOMER));

        long leading = postedIn(month, leader, "Leading idea");
        long alsoLeading = postedIn(month, tied, "Tied idea");
        long runnerUpIdea = postedIn(month, runnerUp, "Runner-up idea");
        long leaderLater = postedIn(month.plusMonths(1), leader, "Next month");
        long alone = postedIn(month.plusMonths(2), selfVoter, "Only my own vote");
        ideas.vote(leading, voters.get(0), 1);
        ideas.vote(leading, voters.get(1), 1);
        ideas.vote(alsoLeading, voters.get(0), 1);
        ideas.vote(alsoLeading, voters.get(2), 1);
        ideas.vote(runnerUpIdea, voters.get(0), 1);
        ideas.vote(runnerUpIdea, voters.get(1), 1);
        ideas.vote(runnerUpIdea, voters.get(2), -1);
        ideas.vote(leaderLater, voters.get(0), -1);

        assertThat(badges(leader)).contains("Top contributor");
        assertThat(badges(tied)).contains("Top contributor");
        assertThat(badges(runnerUp)).doesNotContain("Top contributor");
        assertThat(badges(selfVoter)).doesNotContain("Top contributor");
        assertThat(profile(leader).select(".badge-card li").eachText())
                .containsExactly("Top contributor of March " + month.getYear());

        assertThat(Jsoup.parse(mvc.perform(get("/ideas/people/" + leader).header("Accept-Language", "de"))
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                        .select(".badge-card li")
                        .eachText())
                .containsExactly("Top-Ideengeber im März " + month.getYear());

        ideas.vote(runnerUpIdea, voters.get(2), 1);
        ideas.vote(alone, voters.get(0), 1);
        assertThat(badges(runnerUp)).contains("Top contributor");
        assertThat(badges(leader)).doesNotContain("Top contributor");
        assertThat(badges(selfVoter)).contains("Top contributor");
    }

    @Test
    void profilesArePublicAndUnknownPeopleAreNotFound() throws Exception {
        String email = TestAccounts.create(identity, "profiled", Role.CUSTOMER);
        UUID person = id(email);
        mvc.perform(get("/ideas/people/" + UUID.randomUUID())).andExpect(status().isNotFound());
        mvc.perform(get("/ideas/people/not-a-uuid")).andExpect(status().is4xxClientError());
        mvc.perform(get("/ideas/people/" + person)).andExpect(status().isOk());
        mvc.perform(get("/ideas/people/me")).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/ideas/people/me").session(TestAccounts.login(mvc, email)))
                .andExpect(redirectedUrl("/ideas/people/" + person));
        assertThat(profile(person).select("h1").text()).isEqualTo("profiled");
        assertThat(profile(person).text()).doesNotContain(email);
    }

    /** An idea as if posted on the first day of the month, at noon in the site's zone. */
    private long postedIn(LocalDate month, UUID author, String title) {
        long number = ideas.submit(author, board, title, "text");
        jdbc.sql("update ideas_idea set created_at = ? where number = ?")
                .params(
                        Timestamp.from(month.atTime(12, 0)
                                .atZone(ZoneId.systemDefault())
                                .toInstant()),
                        number)
                .update();
        return number;
    }

    private List<String> badges(UUID person) throws Exception {
        return profile(person).select(".badge-card h3").eachText();
    }

    private Document profile(UUID person) throws Exception {
        return page("/ideas/people/" + person);
    }

    private Document page(String url) throws Exception {
        return Jsoup.parse(mvc.perform(get(url).header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }
}
