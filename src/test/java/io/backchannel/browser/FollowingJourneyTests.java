package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.ideas.IdeaStatus;
import io.backchannel.ideas.IdeasManagement;
import io.backchannel.identity.Role;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Following ideas and merging duplicates, as customers and staff click through them. */
class FollowingJourneyTests extends BrowserTest {

    @Autowired
    IdeasManagement ideas;

    @Autowired
    JdbcClient jdbc;

    @Test
    void customerSubscribesChoosesMailsAndUnsubscribesWithTheMailLink() throws Exception {
        String marker = unique();
        UUID board = ideas.createCategory("follow-" + marker, "Follow " + marker, "", false);
        UUID author = createAccount(uniqueEmail("author"), "Ann Author", Role.CUSTOMER);
        long number = ideas.submit(author, board, "Stove windshield " + marker, "text");
        String customer = uniqueEmail("fan");
        createAccount(customer, "Fay Fan", Role.CUSTOMER);

        logIn(customer, PASSWORD);
        open("/ideas/" + number);
        click(By.xpath("//main//button[normalize-space()='Subscribe']"));
        assertThat(successMessage()).contains("You are subscribed");
        var button = visible(By.cssSelector("main form[action$='/subscription'] button"));
        assertThat(button.getText()).isEqualTo("Unsubscribe");
        assertThat(button.getDomAttribute("aria-pressed")).isEqualTo("true");

        open("/account");
        click(By.linkText("Mail settings for ideas"));
        waitForPath("/ideas/notifications");
        click(By.id("answerMails"));
        submit("/ideas/notifications");
        assertThat(successMessage()).contains("Your mail settings are saved");
        assertThat(driver.findElement(By.id("answerMails")).isSelected()).isFalse();
        assertThat(driver.findElement(By.id("statusMails")).isSelected()).isTrue();
        logOut();

        UUID staff = createAccount(uniqueEmail("staff"), "Sam Staff", Role.STAFF);
        ideas.changeStatus(number, IdeaStatus.PLANNED, "Next season.", staff);
        awaitMailTo(customer);
        logIn(createAdmin(), PASSWORD);
        open("/workspace");
        openMail(customer, "Your idea \"Stove windshield " + marker + "\" is now: Planned");
        click(By.cssSelector(".mail-body a[href*='/ideas/unsubscribe/']"));
        waitForHeading("Unsubscribe from an idea");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Stove windshield " + marker);
        click(By.xpath("//main//button[normalize-space()='Unsubscribe']"));
        waitForHeading("You are unsubscribed");
        assertNoScriptRan();
    }

    @Test
    void staffMergeADuplicateFromItsPageAndBothPagesTellIt() {
        String marker = unique();
        UUID board = ideas.createCategory("merge-" + marker, "Merge " + marker, "", false);
        long survivor =
                ideas.submit(createAccount(uniqueEmail("a"), "Ann", Role.CUSTOMER), board, "Dry bag " + marker, "text");
        long duplicate = ideas.submit(
                createAccount(uniqueEmail("b"), "Ben", Role.CUSTOMER), board, "Waterproof bag " + marker, "text");
        String staff = uniqueEmail("staff");
        createAccount(staff, "Pia Product", Role.STAFF);

        logIn(staff, PASSWORD);
        open("/ideas/" + duplicate);
        fill("merge-into", "#" + survivor);
        fill("merge-note", "Same bag.");
        submit("/merge");
        waitForPath("/ideas/" + survivor);
        assertThat(successMessage()).contains("The ideas are merged");
        assertThat(driver.findElement(By.cssSelector("main .notice")).getText())
                .contains("Merged from", "Waterproof bag " + marker);
        assertThat(driver.findElement(By.cssSelector(".vote-box .score")).getText())
                .isEqualTo("2");

        click(By.cssSelector("main .notice a"));
        waitForPath("/ideas/" + duplicate);
        assertThat(driver.findElement(By.cssSelector("main .notice")).getText())
                .contains("This idea was merged into", "Dry bag " + marker);
        assertThat(driver.findElement(By.cssSelector(".history")).getText()).contains("Duplicate", "Same bag.");
        assertThat(driver.findElements(By.cssSelector("main form[action$='/merge']")))
                .isEmpty();
    }

    private void awaitMailTo(String recipient) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (jdbc.sql("select count(*) from system_mail where recipient = ?")
                            .param(recipient)
                            .query(Long.class)
                            .single()
                    > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No mail to " + recipient);
    }
}
