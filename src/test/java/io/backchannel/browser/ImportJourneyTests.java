package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.TestWords;
import io.backchannel.channels.XArchives;
import io.backchannel.identity.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An archivist imports a platform's data download through the staff pages in Chromium: a file no importer knows
 * fails with the reason, an X archive is read with its one bad tweet listed, the same archive again adds nothing, and
 * the imported tweets are found in the archive.
 */
class ImportJourneyTests extends BrowserTest {

    @TempDir
    Path files;

    @Test
    void anArchivistImportsAnXArchiveTwiceAndFindsItsTweets() throws Exception {
        String marker = TestWords.unique();
        Path notes = Files.writeString(files.resolve("notes-" + marker + ".txt"), "shopping list: tent, stove");
        Path archive = xArchive(files.resolve("twitter-" + marker + ".zip"), marker);
        logInAsNew("importer", "Ines Importer", Role.STAFF, Role.ARCHIVIST);

        openFromStaffNavigation("/archive");
        click(By.cssSelector("main a[href$='/archive/imports']"));
        waitForHeading("Imports");
        upload(notes);
        waitForHeading(notes.getFileName().toString());
        assertThat(successMessage()).isEqualTo("The import has started. You can leave this page and come back.");
        waitForState("Failed");
        assertThat(driver.findElement(By.cssSelector("#import-progress .flash.error"))
                        .getText())
                .startsWith("No importer recognises this file.");

        click(By.linkText("All imports"));
        upload(archive);
        waitForHeading(archive.getFileName().toString());
        waitForState("Done");
        assertThat(count("imported")).isEqualTo("2");
        assertThat(count("rejected")).isEqualTo("1");
        assertThat(driver.findElement(By.cssSelector("#import-progress")).getText())
                .contains("data/tweets.js", "The tweet has no id_str.");

        click(By.linkText("All imports"));
        upload(archive);
        waitForState("Done");
        assertThat(count("imported")).isEqualTo("0");
        assertThat(count("held")).isEqualTo("2");

        click(By.linkText("All imports"));
        fill("q", marker);
        driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().contains("q=" + marker));
        assertThat(driver.findElements(By.cssSelector("table.channels-imports-list tbody tr")))
                .extracting(row -> row.findElement(By.tagName("td")).getText())
                .containsExactlyInAnyOrder(
                        archive.getFileName().toString(),
                        archive.getFileName().toString(),
                        notes.getFileName().toString());

        open("/archive?q=" + marker);
        wait.until(d -> d.findElements(By.cssSelector("ol.archive-results li")).size() == 2);
        assertThat(driver.findElement(By.cssSelector("ol.archive-results")).getText())
                .contains("The tent " + marker + " kept us dry", "Stove " + marker + " lit at once");
    }

    private void upload(Path file) {
        driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        submit("/archive/imports");
    }

    /** Waits while the page follows the import (htmx polls its progress) until it reaches the state. */
    private void waitForState(String state) {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.cssSelector("#import-progress .import-state"))
                        .getText()
                        .equals(state));
    }

    private String count(String which) {
        return driver.findElement(By.cssSelector("#import-progress dd.count-" + which))
                .getText();
    }

    /** An X archive with two tweets of the word, and one tweet without its id. */
    private static Path xArchive(Path path, String marker) throws IOException {
        long id = 90_000_000_000L + System.nanoTime() % 1_000_000_000 * 10;
        String withoutId = "{\"tweet\": {\"full_text\": \"A tweet without its id\", \"created_at\": "
                + "\"Wed Oct 10 20:19:24 +0000 2018\", \"lang\": \"en\", \"entities\": {\"urls\": []}}}";
        String tweets = String.join(
                ", ",
                XArchives.tweet(id + 1, "The tent " + marker + " kept us dry", null, false),
                XArchives.tweet(id + 2, "Stove " + marker + " lit at once", null, false),
                withoutId);
        return XArchives.zip(
                path,
                Map.of(
                        "data/account.js",
                        XArchives.accountJs("nordwind_" + marker),
                        "data/tweets.js",
                        XArchives.tweetsJs(0, tweets)));
    }
}
