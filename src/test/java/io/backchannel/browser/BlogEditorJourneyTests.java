package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.identity.Role;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/** Staff write a German post with the live preview and an image, add an English translation and schedule it. */
class BlogEditorJourneyTests extends BrowserTest {

    @TempDir
    Path files;

    @Test
    void staffWriteAGermanPostTranslateItAndScheduleTheTranslation() throws Exception {
        String marker = unique();
        logInAsNew("blogger", "Bea Blogger", Role.STAFF);
        open("/workspace");
        openFromStaffNavigation("/workspace/blog");
        click(By.cssSelector("main a[href$='/workspace/blog/new']"));
        waitForPath("/workspace/blog/new");

        fill("title", "Neue Zelte für den Sommer " + marker);
        assertThat(driver.findElement(By.id("slug")).getAttribute("value"))
                .as("suggested from the title")
                .isEqualTo("neue-zelte-fur-den-sommer-" + marker);
        new Select(driver.findElement(By.id("language"))).selectByValue("de");
        fill("body", "Unsere **leichtesten** Zelte.\n\n");
        wait.until(d -> !d.findElements(By.cssSelector("#preview strong")).isEmpty()
                && d.findElement(By.cssSelector("#preview strong")).getText().equals("leichtesten"));

        Path png = files.resolve("zelt.png");
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        driver.findElement(By.id("image")).sendKeys(png.toString());
        fill("image-alt", "Ein Zelt am See");
        click(By.cssSelector("#image-form button[type=submit]"));
        wait.until(
                d -> d.findElement(By.id("body")).getAttribute("value").contains("![Ein Zelt am See](/blog/images/"));
        assertThat(visible(By.id("image-status")).getText()).contains("uploaded");
        wait.until(d -> !d.findElements(By.cssSelector("#preview img[alt='Ein Zelt am See']"))
                .isEmpty());

        click(By.cssSelector("#post-form button[value=save]"));
        waitForPathMatching("/workspace/blog/\\d+/edit");
        assertThat(successMessage()).contains("The post is saved");
        String original = path();

        new Select(driver.findElement(By.id("translation-language"))).selectByValue("en");
        click(By.cssSelector("form[action$='/translations'] button[type=submit]"));
        wait.until(d -> !path().equals(original) && path().matches("/workspace/blog/\\d+/edit"));
        assertThat(successMessage()).contains("The translation is started");
        assertThat(driver.findElement(By.cssSelector("main .staff-box")).getText())
                .contains("Translation of", "Neue Zelte für den Sommer " + marker);

        fill("title", "New tents for the summer " + marker);
        fill("slug", "new-tents-for-the-summer-" + marker);
        fill("body", "Our **lightest** tents.");
        wait.until(d -> d.findElement(By.cssSelector("#preview")).getText().contains("lightest"));
        var at = LocalDateTime.now(ZoneId.of("Europe/Berlin")).plusDays(1).truncatedTo(ChronoUnit.MINUTES);
        ((JavascriptExecutor) driver)
                .executeScript(
                        "arguments[0].value = arguments[1]", driver.findElement(By.id("publishAt")), at.toString());
        click(By.cssSelector("#post-form button[value=schedule]"));
        wait.until(d ->
                !d.findElements(By.cssSelector(".flash-area .flash.success")).isEmpty());
        assertThat(successMessage()).contains("The post is scheduled");
        assertThat(driver.findElement(By.cssSelector("main .meta")).getText()).contains("Scheduled");

        open("/workspace/blog?q=" + marker);
        assertThat(driver.findElement(By.cssSelector("#results tbody")).getText())
                .contains(
                        "New tents for the summer " + marker,
                        "Scheduled",
                        "Neue Zelte für den Sommer " + marker,
                        "Draft");
        assertNoScriptRan();
    }
}
