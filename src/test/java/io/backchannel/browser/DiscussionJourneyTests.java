package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.ideas.IdeasManagement;
import io.backchannel.identity.Role;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/** A conversation under an idea: a reply by keyboard-friendly disclosure, a report, and staff hiding the comment. */
class DiscussionJourneyTests extends BrowserTest {

    @Autowired
    IdeasManagement ideas;

    @Test
    void customerRepliesAndReportsAndStaffHideTheReportedCommentFromTheQueue() {
        String marker = unique();
        UUID board = ideas.createCategory("talk-" + marker, "Talk " + marker, "", false);
        UUID author = createAccount(uniqueEmail("author"), "Ann Author", Role.CUSTOMER);
        long number = ideas.submit(author, board, "Warmer sleeping bags " + marker, "For winter.");
        UUID comment = ideas.comment(number, author, "Rude words " + marker, false);

        logInAsNew("customer", "Carl Customer", Role.CUSTOMER);
        open("/ideas/" + number);
        click(By.cssSelector("#comment-" + comment + " details.reply summary"));
        fill("reply-" + comment, "Please stay polite.");
        submit("/comments/" + comment + "/replies");
        assertThat(successMessage()).contains("Your reply is posted.");
        assertThat(driver.findElement(By.cssSelector("#comment-" + comment + " ol.replies"))
                        .getText())
                .contains("Carl Customer", "Please stay polite.");
        submit("/comments/" + comment + "/flag");
        assertThat(successMessage()).contains("The team will look at the comment.");
        logOut();

        String staff = logInAsNew("staff", "Sam Staff", Role.STAFF);
        open("/workspace");
        openFromStaffNavigation("/workspace/ideas/moderation");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Rude words " + marker);
        click(By.cssSelector("main form[action$='/comments/" + comment + "/hide'] button"));
        assertThat(successMessage()).contains("The comment is hidden.");

        open("/ideas/" + number);
        assertThat(driver.findElement(By.id("comments")).getText()).isNotBlank();
        assertThat(driver.findElement(By.tagName("main")).getText())
                .doesNotContain("Rude words " + marker)
                .contains("This comment was hidden by the team", "Please stay polite.");
    }
}
