package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.TestWords;
import io.backchannel.archive.ArchiveManagement;
import io.backchannel.archive.Capture;
import io.backchannel.identity.Role;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An archivist finds a captured post in the evidence archive, in English and in German (with German stemming), verifies
 * the archive, and opens the record as it was captured, with its digest.
 */
class ArchiveJourneyTests extends BrowserTest {

    @Autowired
    ArchiveManagement archive;

    @Test
    void anArchivistFindsAPostAndOpensItsRecordInEnglishAndGerman() throws Exception {
        String marker = TestWords.unique();
        Capture english =
                ArchivedPosts.post("en-" + marker, "en", "The spring offer " + marker + " is valid until Friday");
        Capture german = ArchivedPosts.post("de-" + marker, "de", "Die Lieferungen " + marker + " kamen zu spät");
        archive.capture(english);
        archive.capture(german);

        logInAsNew("archivist", "Arne Archivist", Role.STAFF, Role.ARCHIVIST);
        openFromStaffNavigation("/archive");
        waitForHeading("Evidence archive");
        search(marker);
        By results = By.cssSelector("ol.archive-results li");
        wait.until(d -> d.findElements(results).size() == 2);
        assertThat(driver.findElements(By.cssSelector("ol.archive-results li p.highlight mark")))
                .allSatisfy(mark -> assertThat(mark.getText()).isEqualTo(marker));

        submit("/archive/verify");
        assertThat(successMessage())
                .isEqualTo("The check has started; its progress shows below. You can leave this page meanwhile.");
        // While the check runs the section follows it (htmx); once done, the result and the button are back.
        wait.until(d -> !d.findElements(By.cssSelector("#verification form")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("#verification [role=status]"))
                        .getText())
                .contains("Every record and checkpoint verified");

        click(By.partialLinkText("en-" + marker));
        waitForHeading("Archived item en-" + marker + " from x");
        assertThat(driver.findElement(By.cssSelector("pre.archive-text")).getText())
                .contains("The spring offer " + marker);
        assertThat(driver.findElement(By.cssSelector("dl.archive-facts code.digest"))
                        .getText())
                .isEqualTo("sha256:" + sha256(english.content()));

        switchLanguage("de");
        waitForHeading("Archivierter Eintrag en-" + marker + " aus x");
        open("/archive?q=Lieferung+" + marker);
        waitForHeading("Beweisarchiv");
        wait.until(d -> d.findElements(results).size() == 1);
        assertThat(driver.findElement(results).getText()).contains("de-" + marker, "Lieferungen");
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
