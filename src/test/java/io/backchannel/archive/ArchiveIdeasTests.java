package io.backchannel.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.ideas.IdeaStatus;
import io.backchannel.ideas.IdeasManagement;
import io.backchannel.ideas.internal.Discussion;
import io.backchannel.identity.Role;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What is said on the ideas portal reaches the archive through the ideas module's events, without being asked. */
@IntegrationTest
class ArchiveIdeasTests extends ArchiveIntegrationTest {

    @Autowired
    IdeasManagement ideas;

    @Autowired
    Discussion discussion;

    private ArchivedItems archived() {
        return new ArchivedItems(jdbc);
    }

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

        var idea = archived().await("idea-" + number);
        assertThat(idea.kind()).isEqualTo("INBOUND_MENTION");
        assertThat(idea.author()).isEqualTo("Customer " + marker);
        assertThat(idea.text()).isEqualTo("Dark mode " + marker + "\n\nPlease add a <b>dark</b> mode.");
        assertThat(idea.url()).endsWith("/ideas/" + number);
        assertThat(idea.platform()).isEqualTo("backchannel-ideas");
        assertThat(archived().await("comment-" + comment).kind()).isEqualTo("COMMENT");
        var staffAnswer = archived().await("comment-" + answer);
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
        assertThat(archived().await(status).text()).contains("NOT_PLANNED").contains("Not this year " + marker);
    }

    @Test
    void anEditedCommentBecomesANewVersionBesideTheOld() throws InterruptedException {
        String marker = marker();
        UUID board = ideas.createCategory("edits-" + marker, "Edits " + marker, "", false);
        UUID customer = TestAccounts.id(jdbc, TestAccounts.create(identity, "Editor " + marker, Role.CUSTOMER));
        long number = ideas.submit(customer, board, "Export " + marker, "CSV please.");
        UUID comment = ideas.comment(number, customer, "Frist " + marker, false);
        archived().await("comment-" + comment);

        discussion.edit(number, comment, customer, "First " + marker);

        var versions = archived().await("comment-" + comment, 2);
        assertThat(versions).extracting(ArchivedItems.Held::text).containsExactly("Frist " + marker, "First " + marker);
    }
}
