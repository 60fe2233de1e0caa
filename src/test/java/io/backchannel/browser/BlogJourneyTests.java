package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.identity.Role;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The blog's loop from writing to conversation: staff publish a German post and schedule its English translation, which
 * appears at its time with links to both languages; a customer comments on the pre-moderated investor relations, and
 * the comment shows once staff approve it. (Incidents have their own journey.)
 */
class BlogJourneyTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aScheduledTranslationAppearsWithBothLanguagesAndACustomersCommentWaitsForStaff() throws Exception {
        String m = unique();
        String german = "quartalszahlen-" + m;
        String english = "quarterly-results-" + m;
        String staff = logInAsNew("editor", "Eda Editor", Role.STAFF);
        open("/workspace/blog/new");
        fill("title", "Quartalszahlen " + m);
        fill("slug", german);
        new Select(driver.findElement(By.id("language"))).selectByValue("de");
        new Select(driver.findElement(By.id("category"))).selectByValue("investor-relations");
        fill("body", "Der Umsatz ist **gestiegen**.");
        click(By.cssSelector("#post-form button[value=publish]"));
        waitForPathMatching("/workspace/blog/\\d+/edit");
        assertThat(successMessage()).contains("The post is published");
        String original = path();

        new Select(driver.findElement(By.id("translation-language"))).selectByValue("en");
        click(By.cssSelector("form[action$='/translations'] button[type=submit]"));
        wait.until(d -> !path().equals(original) && path().matches("/workspace/blog/\\d+/edit"));
        fill("title", "Quarterly results " + m);
        fill("slug", english);
        fill("body", "Revenue **grew**.");
        var tomorrow = LocalDateTime.now(ZoneId.of("Europe/Berlin")).plusDays(1).truncatedTo(ChronoUnit.MINUTES);
        ((JavascriptExecutor) driver)
                .executeScript(
                        "arguments[0].value = arguments[1]",
                        driver.findElement(By.id("publishAt")),
                        tomorrow.toString());
        click(By.cssSelector("#post-form button[value=schedule]"));
        wait.until(d ->
                !d.findElements(By.cssSelector(".flash-area .flash.success")).isEmpty());
        assertThat(successMessage()).contains("The post is scheduled");
        logOut();

        open("/blog/en/" + english);
        visible(By.tagName("h1"));
        assertThat(heading()).doesNotContain("Quarterly results");
        // The clock reaches the scheduled time (a day is too long to wait for).
        jdbc.sql("update blog_post set publish_at = now() - interval '1 second' where language = 'en' and slug = ?")
                .param(english)
                .update();
        open("/blog/en/" + english);
        waitForHeading("Quarterly results " + m);
        Map<String, String> alternates = new HashMap<>();
        for (WebElement link : driver.findElements(By.cssSelector("head link[rel=alternate][hreflang]"))) {
            alternates.put(link.getAttribute("hreflang"), link.getAttribute("href"));
        }
        assertThat(alternates)
                .containsEntry("de", url("/blog/de/" + german))
                .containsEntry("en", url("/blog/en/" + english));
        assertThat(alternates).containsKey("x-default");
        click(By.cssSelector(".blog-languages a[hreflang=de]"));
        waitForHeading("Quartalszahlen " + m);

        logInAsNew("customer", "Cara Customer", Role.CUSTOMER);
        open("/blog/en/" + english);
        // The comments and their form arrive after the post (htmx), so that the post page itself can be cached.
        var body = visible(By.cssSelector("#blog-comments form[action$='/comments'] textarea[name=body]"));
        // A comment sent sooner than the form's minimum fill time (3 s) would be held back as spam.
        Thread.sleep(3_100);
        body.sendKeys("Will there be a dividend this year?");
        click(By.cssSelector("#blog-comments form[action$='/comments'] button[type=submit]"));
        wait.until(d -> d.findElement(By.id("blog-comments")).getText().contains("once a moderator has looked at it"));
        assertThat(driver.findElement(By.id("blog-comments")).getText())
                .doesNotContain("Will there be a dividend this year?");
        logOut();

        logIn(staff, PASSWORD);
        open("/workspace");
        openFromStaffNavigation("/workspace/blog/comments");
        var review = driver.findElements(By.cssSelector("ol.moderation > li")).stream()
                .filter(item -> item.getText().contains("Will there be a dividend this year?"))
                .findFirst()
                .orElseThrow();
        review.findElement(By.cssSelector("form[action$='/approve'] button")).click();
        wait.until(d ->
                !d.findElements(By.cssSelector(".flash-area .flash.success")).isEmpty());
        assertThat(successMessage()).contains("The comment is published");
        logOut();

        open("/blog/en/" + english);
        wait.until(
                d -> d.findElement(By.id("blog-comments")).getText().contains("Will there be a dividend this year?"));
        assertThat(driver.findElement(By.id("blog-comments")).getText()).contains("Cara Customer");
        assertNoScriptRan();
    }
}
