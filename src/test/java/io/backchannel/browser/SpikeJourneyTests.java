package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.Connectors;
import io.backchannel.identity.Role;
import io.backchannel.listening.internal.CannedReplies;
import io.backchannel.listening.internal.Routing;
import io.backchannel.listening.internal.RoutingRule;
import io.backchannel.system.WebhookSignatures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A German complaint arrives through the signed webhook, reaches the Support team (German goes there), is answered
 * with a canned reply and resolved; then a burst of angry mentions raises a spike alert that staff see in the app.
 */
class SpikeJourneyTests extends BrowserTest {

    @Autowired
    Connectors connectors;

    @Autowired
    Routing routing;

    @Autowired
    CannedReplies canned;

    final HttpClient http = HttpClient.newHttpClient();

    void deliver(UUID connector, String secret, String id, String handle, String text) throws Exception {
        byte[] body =
                """
                {"id": "%s", "author": {"handle": "%s", "name": "Kundin %s"}, "text": "%s", "language": "de",
                 "postedAt": "%s"}"""
                        .formatted(id, handle, handle, text, Instant.now())
                        .getBytes(StandardCharsets.UTF_8);
        long timestamp = Instant.now().getEpochSecond();
        var response = http.send(
                HttpRequest.newBuilder(URI.create(url("/api/channels/webhook/" + connector)))
                        .header("Content-Type", "application/json")
                        .header(WebhookSignatures.TIMESTAMP, Long.toString(timestamp))
                        .header(WebhookSignatures.SIGNATURE, WebhookSignatures.sign(secret, timestamp, body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    String fact(String term) {
        return driver.findElement(By.xpath("//dl[@class='facts']/dt[.='" + term + "']/following-sibling::dd[1]"))
                .getText();
    }

    @Test
    void germanComplaintReachesSupportIsAnsweredAndABurstRaisesASpikeAlert() throws Exception {
        String marker = unique();
        String email = uniqueEmail("support");
        UUID agent = createAccount(email, "Sam Support", Role.STAFF);
        UUID support = identity.createTeam("Support " + marker, "");
        identity.addToTeam(support, agent);
        routing.addRule(new RoutingRule(
                UUID.randomUUID(), 0, "German " + marker, "webhook", "de", null, null, null, null, null, support));
        canned.add("Entschuldigung " + marker, "de", "Das tut uns leid, {name}! Wir kümmern uns darum. {agent}");
        String secret = WebhookSignatures.newSecret();
        UUID connector = connectors.create(ConnectorKind.WEBHOOK, "Forum " + marker, Map.of(), secret);

        deliver(
                connector,
                secret,
                "m-" + marker,
                "@erika" + marker,
                "Mein Router ist seit gestern kaputt und funktioniert nicht. Sehr ärgerlich! zq" + marker);

        logIn(email, PASSWORD);
        openFromStaffNavigation("/workspace/inbox");
        By conversation = By.partialLinkText("zq" + marker);
        reloadUntilPresent(conversation);
        click(conversation);
        waitForHeading("Conversation with Kundin @erika" + marker);
        assertThat(fact("Team")).isEqualTo("Support " + marker);
        assertThat(fact("Language")).isEqualTo("de");
        assertThat(fact("Sentiment")).isEqualTo("Negative");

        new Select(driver.findElement(By.id("canned"))).selectByVisibleText("Entschuldigung " + marker + " (de)");
        submit("/workspace/inbox/" + path().substring(path().lastIndexOf('/') + 1));
        wait.until(
                d -> d.findElement(By.id("reply-text")).getDomProperty("value").startsWith("Das tut"));
        assertThat(driver.findElement(By.id("reply-text")).getDomProperty("value"))
                .isEqualTo("Das tut uns leid, Kundin @erika" + marker + "! Wir kümmern uns darum. Sam Support");
        submit("/reply");
        assertThat(successMessage()).isEqualTo("Your reply is on its way.");
        submit("/resolve");
        assertThat(successMessage()).isEqualTo("The conversation is resolved.");
        assertThat(driver.findElement(By.cssSelector("dd.status")).getText()).isEqualTo("Resolved");

        String topic = "stoerung" + marker;
        for (int i = 0; i < 12; i++) {
            deliver(
                    connector,
                    secret,
                    "burst-" + i + "-" + marker,
                    "@kunde" + i + marker,
                    "Schon wieder kaputt, nichts funktioniert! #" + topic);
        }

        openFromStaffNavigation("/workspace/alerts");
        waitForHeading("Spike alerts");
        By alert = By.xpath("//table[contains(@class,'spikes')]//tr[td[@class='topic' and .='#" + topic + "']]");
        reloadUntilPresent(alert);
        // The staff navigation's badge (refreshed by htmx) counts the open alerts nobody has acknowledged.
        assertThat(driver.findElement(By.cssSelector("#spike-badge .tag")).getText())
                .endsWith("open");
        var row = driver.findElement(alert);
        assertThat(row.getText()).contains("Negativity", "Open");
        row.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(successMessage()).isEqualTo("The alert is acknowledged.");
    }
}
