package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.TestWords;
import io.backchannel.identity.Role;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
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

    /** An X archive as X writes it: JavaScript files that assign JSON to window.YTD, one tweet without its id. */
    private static Path xArchive(Path path, String marker) throws IOException {
        String id = "9" + System.nanoTime() % 1_000_000_000;
        String tweets = "window.YTD.tweets.part0 = ["
                + String.join(
                        ", ",
                        tweet("\"id_str\": \"" + id + "1\", ", "The tent " + marker + " kept us dry"),
                        tweet("\"id_str\": \"" + id + "2\", ", "Stove " + marker + " lit at once"),
                        tweet("", "A tweet without its id"))
                + "]";
        try (OutputStream out = Files.newOutputStream(path);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("data/account.js"));
            zip.write(("window.YTD.account.part0 = [{\"account\": {\"username\": \"nordwind_" + marker
                            + "\", \"accountId\": \"1\"}}]")
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("data/tweets.js"));
            zip.write(tweets.getBytes(StandardCharsets.UTF_8));
        }
        return path;
    }

    private static String tweet(String id, String text) {
        return "{\"tweet\": {" + id + "\"full_text\": \"" + text
                + "\", \"created_at\": \"Wed Oct 10 20:19:24 +0000 2018\", \"lang\": \"en\", \"entities\": {\"urls\": []}}}";
    }
}
