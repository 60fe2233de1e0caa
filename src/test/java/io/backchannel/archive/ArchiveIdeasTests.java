package io.backchannel.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.ideas.IdeaStatus;
import io.backchannel.ideas.IdeasManagement;
import io.backchannel.identity.Role;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What is said on the ideas portal reaches the archive through the ideas module's events, without being asked. */
@IntegrationTest
class ArchiveIdeasTests extends ArchiveIntegrationTest {

    @Autowired
    IdeasManagement ideas;

    record Held(String kind, String author, String text, String url, String platform) {}

    @Test
    void ideasCommentsAnswersAndStatusExplanationsAreArchived() throws InterruptedException {
        String marker = marker();
        UUID board = ideas.createCategory("archive-" + marker, "Archive " + marker, "", false);
        UUID customer = TestAccounts.id(jdbc, TestAccounts.create(identity, "Customer " + marker, Role.CUSTOMER));
        UUID staff = TestAccounts.id(jdbc, TestAccounts.create(identity, "Staff " + marker, Role.STAFF));

        long number = ideas.submit(customer, board, "Dark mode " + marker, "Please add a <b>dark</b> mode.");
        UUID comment = ideas.comment(number, customer, "Still waiting " + marker, false);
        UUID answer = ideas.comment(number, staff, "We are on it " + marker, true);
        ideas.changeStatus(number, IdeaStatus.NOT_PLANNED, "Not this year " + marker, staff);

        Held idea = await("idea-" + number);
        assertThat(idea.kind()).isEqualTo("INBOUND_MENTION");
        assertThat(idea.author()).isEqualTo("Customer " + marker);
        assertThat(idea.text()).isEqualTo("Dark mode " + marker + "\n\nPlease add a <b>dark</b> mode.");
        assertThat(idea.url()).endsWith("/ideas/" + number);
        assertThat(idea.platform()).isEqualTo("backchannel-ideas");
        assertThat(await("comment-" + comment).kind()).isEqualTo("COMMENT");
        Held staffAnswer = await("comment-" + answer);
        assertThat(staffAnswer.kind()).isEqualTo("REPLY");
        assertThat(staffAnswer.text()).isEqualTo("We are on it " + marker);
        String status = jdbc.sql("select source_id from archive_item where text like ?")
                .param("%Not this year " + marker)
                .query(String.class)
                .optional()
                .orElse(null);
        for (int i = 0; status == null && i < 100; i++) {
            Thread.sleep(100);
            status = jdbc.sql("select source_id from archive_item where text like ?")
                    .param("%Not this year " + marker)
                    .query(String.class)
                    .optional()
                    .orElse(null);
        }
        assertThat(status).startsWith("status-");
        assertThat(await(status).text()).contains("NOT_PLANNED").contains("Not this year " + marker);
    }

    private Held await(String sourceId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var held = jdbc.sql("select kind, author, text, url, platform from archive_item where source_id = ?"
                            + " order by version desc limit 1")
                    .param(sourceId)
                    .query((rs, row) -> new Held(
                            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                    .optional();
            if (held.isPresent()) {
                return held.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The archive never captured " + sourceId);
    }
}
