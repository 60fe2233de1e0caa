package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.identity.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** An incident from opening to resolving, as staff post it and as visitors of the public pages see it. */
class IncidentJourneyTests extends BrowserTest {

    @Test
    void staffOpenAnIncidentWhoseBannerShowsUntilItIsResolved() {
        String marker = unique();
        String title = "Charger overheats " + marker;
        logInAsNew("staff", "Sam Staff", Role.STAFF);
        open("/workspace");
        openFromStaffNavigation("/workspace/blog/incidents");
        click(By.linkText("Open an incident"));
        waitForHeading("Open an incident");
        new Select(driver.findElement(By.id("kind"))).selectByValue("RECALL");
        fill("title-en", title);
        fill("summary-en", "Unplug the charger and **do not use it**.");
        fill("title-de", "Ladegerät überhitzt " + marker);
        fill("summary-de", "Ziehen Sie den Stecker.");
        submit("/workspace/blog/incidents");
        waitForPathMatching("/workspace/blog/incidents/\\d+");
        assertThat(successMessage()).contains("The incident is open");
        String desk = path();
        String number = desk.substring(desk.lastIndexOf('/') + 1);
        By banner = By.cssSelector(".incident-banner[role=region] a[href$='/blog/incidents/" + number + "']");

        open("/ideas");
        assertThat(visible(banner).getText()).isEqualTo(title);
        open("/");
        assertThat(visible(banner).getText()).isEqualTo(title);
        click(banner);
        waitForHeading(title);

        open(desk);
        new Select(driver.findElement(By.id("status"))).selectByValue("IDENTIFIED");
        fill("body-en", "A faulty batch from March.");
        submit("/updates");
        assertThat(successMessage()).contains("The update is posted");
        new Select(driver.findElement(By.id("status"))).selectByValue("RESOLVED");
        fill("body-en", "All chargers are replaced.");
        submit("/updates");
        assertThat(successMessage()).contains("The incident is resolved");

        for (String page : new String[] {"/ideas", "/"}) {
            open(page);
            visible(By.tagName("h1"));
            assertThat(driver.findElements(banner)).as("banner on " + page).isEmpty();
        }
        open("/blog/incidents/" + number);
        waitForHeading(title);
        var entries = driver.findElements(By.cssSelector("#timeline-heading + ol > li"));
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).getText()).contains("Resolved", "All chargers are replaced.");
        assertThat(entries.get(1).getText()).contains("Identified", "A faulty batch from March.");
        assertThat(entries.get(2).getText()).contains("Investigating", "do not use it");
        switchLanguage("de");
        waitForHeading("Ladegerät überhitzt " + marker);
        assertNoScriptRan();
    }
}
