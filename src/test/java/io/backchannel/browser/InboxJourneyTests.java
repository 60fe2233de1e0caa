package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.channels.PostCaptured;
import io.backchannel.channels.PostsCaptured;
import io.backchannel.identity.Role;
import io.backchannel.listening.internal.CannedReplies;
import io.backchannel.listening.internal.Routing;
import io.backchannel.listening.internal.RoutingRule;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** A post arrives, shows up in the Support team's inbox, is answered with a canned reply and resolved. */
class InboxJourneyTests extends BrowserTest {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Routing routing;

    @Autowired
    CannedReplies canned;

    @Test
    void supportAnswersAPostWithACannedReplyAndResolvesIt() {
        String marker = unique();
        String email = uniqueEmail("support");
        UUID agent = createAccount(email, "Sam Support", Role.STAFF);
        UUID support = identity.createTeam("Support " + marker, "");
        identity.addToTeam(support, agent);
        routing.addRule(new RoutingRule(
                UUID.randomUUID(), 0, "Support " + marker, null, null, null, null, null, null, "zq" + marker, support));
        canned.add("Apology " + marker, "en", "Sorry for the trouble, {name}! We are looking into it. {agent}");
        Instant now = Instant.now();
        var post = new PostCaptured(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "mastodon",
                "post-" + marker,
                null,
                "@rita@example.social",
                "Rita",
                "My upload keeps failing zq" + marker + ", can you help?",
                null,
                "en",
                false,
                now,
                now);
        transactions.executeWithoutResult(tx -> events.publishEvent(PostsCaptured.of(post)));

        logIn(email, PASSWORD);
        openFromStaffNavigation("/workspace/inbox");
        By conversation = By.partialLinkText("zq" + marker);
        reloadUntilPresent(conversation);
        click(conversation);
        waitForHeading("Conversation with Rita");

        new Select(driver.findElement(By.id("canned"))).selectByVisibleText("Apology " + marker + " (en)");
        submit("/workspace/inbox/" + path().substring(path().lastIndexOf('/') + 1));
        wait.until(
                d -> d.findElement(By.id("reply-text")).getDomProperty("value").startsWith("Sorry"));
        assertThat(driver.findElement(By.id("reply-text")).getDomProperty("value"))
                .isEqualTo("Sorry for the trouble, Rita! We are looking into it. Sam Support");
        submit("/reply");
        assertThat(successMessage()).isEqualTo("Your reply is on its way.");
        assertThat(driver.findElement(By.cssSelector(".message.reply")).getText())
                .contains("Reply by Sam Support", "Sorry for the trouble, Rita!");

        submit("/resolve");
        assertThat(successMessage()).isEqualTo("The conversation is resolved.");
        assertThat(driver.findElement(By.cssSelector("dd.status")).getText()).isEqualTo("Resolved");
        assertThat(driver.findElement(By.cssSelector(".history")).getText())
                .contains("Routed to Support " + marker, "Assigned to Sam Support", "Resolved");
    }
}
