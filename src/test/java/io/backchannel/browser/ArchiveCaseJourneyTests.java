package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.TestWords;
import io.backchannel.archive.ArchiveManagement;
import io.backchannel.identity.Role;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An archivist who is also an administrator builds a case in Chromium: a case without a name is refused in place, a
 * captured post goes into the case from its record page, the case's evidence package and report download with the
 * session, the legal hold keeps the erasure form away, and once the record leaves the case it can be erased.
 */
class ArchiveCaseJourneyTests extends BrowserTest {

    @Autowired
    ArchiveManagement archive;

    @Test
    void anArchivistGathersARecordInACaseDownloadsItsEvidenceAndErasesItOnceReleased() throws Exception {
        String marker = TestWords.unique();
        String sourceId = "case-" + marker;
        String text = "The offer " + marker + " has no end date";
        archive.capture(ArchivedPosts.post(sourceId, "en", text));
        logInAsNew("keeper", "Kai Keeper", Role.STAFF, Role.ARCHIVIST, Role.ADMIN);

        openFromStaffNavigation("/archive");
        click(By.cssSelector("main a[href$='/archive/cases']"));
        waitForHeading("Cases");
        // Blanks pass the browser's own check of the required field; the server's answers in place.
        fill("name", "   ");
        submit("/archive/cases");
        wait.until(d -> "true".equals(d.findElement(By.id("name")).getDomAttribute("aria-invalid")));
        assertThat(driver.findElement(By.id("name-error")).getText()).isEqualTo("Enter a name for the case.");

        String name = "Complaint " + marker;
        fill("name", name);
        submit("/archive/cases");
        waitForHeading("Case: " + name);
        assertThat(successMessage()).isEqualTo("The case was created.");
        assertThat(driver.findElement(By.cssSelector("main section")).getText())
                .contains("This case holds no records yet.");

        open("/archive?q=" + marker);
        click(By.partialLinkText(sourceId));
        waitForHeading("Archived item " + sourceId + " from x");
        assertThat(driver.findElements(By.cssSelector("form[action*='/erase']")))
                .hasSize(1);
        String record = path();
        new Select(driver.findElement(By.id("caseId"))).selectByVisibleText(name);
        submit("/archive/cases/records");
        assertThat(successMessage()).isEqualTo("The record was added to the case.");
        assertThat(driver.findElement(By.cssSelector("section[aria-labelledby='erase-heading']"))
                        .getText())
                .contains("legal hold");
        assertThat(driver.findElements(By.cssSelector("form[action*='/erase']")))
                .isEmpty();

        click(By.linkText(name));
        waitForHeading("Case: " + name);
        assertThat(driver.findElement(By.cssSelector("table.archive-case-records tbody"))
                        .getText())
                .contains(sourceId, "Rita");
        byte[] wacz = download(By.cssSelector("a[href$='/evidence.wacz']"));
        assertThat(entries(wacz)).contains("datapackage.json", "archive/data.warc.gz");
        byte[] pdf = download(By.cssSelector("a[href$='/report.pdf']"));
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        switchLanguage("de");
        waitForHeading("Fall: " + name);
        assertThat(driver.findElement(By.cssSelector("a[href$='/evidence.wacz']"))
                        .getText())
                .isEqualTo("Fall als Beweispaket (WACZ) herunterladen");
        switchLanguage("en");
        waitForHeading("Case: " + name);

        click(By.cssSelector("button[aria-label='Remove " + sourceId + " from the case']"));
        assertThat(successMessage()).isEqualTo("The record was removed from the case.");
        assertThat(driver.findElement(By.cssSelector("main section")).getText())
                .contains("This case holds no records yet.");

        open(record);
        fill("reason", "Request of 23 November, reference " + marker);
        submit("/erase");
        assertThat(successMessage()).isEqualTo("The content was erased; a signed tombstone takes its place.");
        assertThat(driver.findElement(By.cssSelector("p.tag.erased")).getText())
                .contains("Request of 23 November, reference " + marker);
        assertThat(driver.findElement(By.cssSelector("pre.archive-text")).getText())
                .doesNotContain(marker);
    }

    /** Fetches what the link points to with the browser's session, as the browser's own download would. */
    private byte[] download(By link) throws Exception {
        String href = driver.findElement(link).getDomProperty("href");
        StringBuilder cookies = new StringBuilder();
        for (Cookie cookie : driver.manage().getCookies()) {
            cookies.append(cookie.getName())
                    .append('=')
                    .append(cookie.getValue())
                    .append("; ");
        }
        try (var client = HttpClient.newHttpClient()) {
            var response = client.send(
                    HttpRequest.newBuilder(URI.create(href))
                            .header("Cookie", cookies.toString())
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(href).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Disposition").orElse(""))
                    .as(href)
                    .startsWith("attachment");
            return response.body();
        }
    }

    private static List<String> entries(byte[] zip) throws Exception {
        List<String> names = new ArrayList<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }
}
