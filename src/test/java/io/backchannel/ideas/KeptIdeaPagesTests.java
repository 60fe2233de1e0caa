package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An idea's page is kept for anonymous visitors while nothing it shows has changed, and rendered afresh after any
 * change: to the idea, its comments, history, tags, or a name many pages show. The check interval is an hour here,
 * so a change becomes visible only where a write on this node (a POST through the filter) asks for a new reading:
 * what is seen before that proves the page was kept.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "backchannel.web.public-page-cache-ttl=1h",
            "backchannel.web.versioned-page-ttl=1h",
            "backchannel.ideas.page-version-check-interval=1h"
        })
class KeptIdeaPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityManagement identity;

    @Autowired
    IdeasManagement ideas;

    @Autowired
    JdbcClient jdbc;

    UUID author;
    UUID staff;
    UUID board;
    long number;
    long scratch;
    MockHttpSession reader;

    @BeforeEach
    void idea() throws Exception {
        author = TestAccounts.id(jdbc, TestAccounts.create(identity, "kept", Role.CUSTOMER));
        staff = TestAccounts.id(jdbc, TestAccounts.create(identity, "kept-staff", Role.STAFF));
        board = ideas.createCategory("kept-" + UUID.randomUUID().toString().substring(0, 8), "Kept board", "", false);
        number = ideas.submit(author, board, "Kept title", "Kept text");
        scratch = ideas.submit(author, board, "Scratch idea", "Voted on to write on this node");
        reader = TestAccounts.login(mvc, TestAccounts.create(identity, "kept-reader", Role.CUSTOMER));
        writeOnThisNode();
    }

    @Test
    void aPageIsKeptAcrossWritesThatDoNotChangeIt() throws Exception {
        assertThat(page()).contains("Kept title");
        jdbc.sql("update ideas_idea set title = 'Renamed unseen' where number = ?")
                .param(number)
                .update();
        assertThat(page()).contains("Kept title");

        writeOnThisNode();
        assertThat(page()).contains("Renamed unseen");
        long other = ideas.submit(author, board, "Another idea", "Other text");
        ideas.comment(other, author, "On the other idea only", false);
        writeOnThisNode();
        jdbc.sql("update identity_account set display_name = 'Renamed person' where id = ?")
                .param(author)
                .update();
        assertThat(page()).contains("Renamed unseen").doesNotContain("Renamed person");
    }

    @Test
    void commentsStatusChangesAndVotesShowAfterTheNextReading() throws Exception {
        assertThat(page()).doesNotContain("A comment that must show");
        ideas.comment(number, author, "A comment that must show", false);
        writeOnThisNode();
        assertThat(page()).contains("A comment that must show");

        ideas.changeStatus(number, IdeaStatus.PLANNED, "Scheduled for spring", staff);
        writeOnThisNode();
        assertThat(page()).contains("Scheduled for spring");

        int before = score(page());
        UUID voter = TestAccounts.id(jdbc, TestAccounts.create(identity, "kept-voter", Role.CUSTOMER));
        ideas.vote(number, voter, 1);
        writeOnThisNode();
        assertThat(score(page())).isEqualTo(before + 1);
    }

    @Test
    void renamingTheBoardChangesEveryPageOfIt() throws Exception {
        assertThat(page()).contains("Kept board");
        jdbc.sql("update ideas_category set name = 'Renamed board' where id = ?")
                .param(board)
                .update();
        writeOnThisNode();
        assertThat(page()).contains("Renamed board");
    }

    @Test
    void signedInVisitorsNeverGetTheKeptPage() throws Exception {
        page();
        jdbc.sql("update ideas_idea set title = 'Seen by the signed-in reader' where number = ?")
                .param(number)
                .update();
        String signedIn = mvc.perform(get("/ideas/" + number).session(reader))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(signedIn).contains("Seen by the signed-in reader");
    }

    private static int score(String page) {
        var score = SCORE.matcher(page);
        assertThat(score.find()).as("the page shows a score").isTrue();
        return Integer.parseInt(score.group(1));
    }

    private static final Pattern SCORE = Pattern.compile("class=\"score\"[^>]*>(-?\\d+)<");

    private String page() throws Exception {
        var response = mvc.perform(get("/ideas/" + number)).andReturn().getResponse();
        response.setCharacterEncoding("UTF-8");
        return response.getContentAsString();
    }

    /**
     * A write that passes the page cache (a vote on another idea), which tells the versions that the database may have
     * changed. A logout would not do: Spring Security answers it before the cache.
     */
    private void writeOnThisNode() throws Exception {
        mvc.perform(post("/ideas/" + scratch + "/vote")
                .param("value", "1")
                .session(reader)
                .with(csrf()));
    }
}
