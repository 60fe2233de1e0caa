package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running application and a browser. The server listens on a port chosen up front and {@code backchannel.base-url}
 * names the same port, as on a laptop where both are 8080: the links in held mails then lead back to this server. (With
 * {@code RANDOM_PORT} the base URL, read once at startup, would still say 8080.) All browser test classes share one
 * application context; each creates its own accounts with unique e-mail addresses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
@Tag("browser")
@ExtendWith(BrowserExtension.class)
abstract class BrowserTest {

    static final String PASSWORD = "correct horse battery staple";
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final int PORT = freePort();

    @DynamicPropertySource
    static void serverAddress(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("backchannel.base-url", () -> "http://localhost:" + PORT);
    }

    @LocalServerPort
    int port;

    @Autowired
    IdentityManagement identity;

    WebDriver driver;
    WebDriverWait wait;

    @BeforeEach
    final void attachBrowser(WebDriver driver) {
        assertThat(port).as("server port and backchannel.base-url").isEqualTo(PORT);
        this.driver = driver;
        this.wait = new WebDriverWait(driver, TIMEOUT);
        // While a page is replaced, Chromium may answer a query about the old page's nodes with a stale element or an
        // "unknown error: Node ... does not belong to the document"; both pass once the new page is there.
        this.wait.ignoring(StaleElementReferenceException.class).ignoring(WebDriverException.class);
    }

    // --- test data ---

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID() + "@example.org";
    }

    UUID createAccount(String email, String displayName, Role... roles) {
        return identity.createAccount(email, displayName, PASSWORD, Set.of(roles), "en");
    }

    /** Creates an account with a unique address and logs it in, as most journeys start; returns the address. */
    String logInAsNew(String who, String displayName, Role... roles) {
        String email = uniqueEmail(who);
        createAccount(email, displayName, roles);
        logIn(email, PASSWORD);
        return email;
    }

    String createAdmin() {
        String email = uniqueEmail("admin");
        createAccount(email, "Ada Admin", Role.ADMIN);
        return email;
    }

    // --- navigation ---

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    void open(String path) {
        driver.get(url(path));
    }

    String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    void waitForPath(String expected) {
        try {
            wait.until(d -> path().equals(expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertThat(driver.getCurrentUrl()).as("page after waiting").endsWith(expected);
        }
    }

    void waitForPathMatching(String regex) {
        try {
            wait.until(d -> path().matches(regex));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertThat(path()).as("page after waiting").matches(regex);
        }
    }

    WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    String heading() {
        return visible(By.tagName("h1")).getText();
    }

    /** Waits for the page's main heading; on timeout the assertion shows the heading there was. */
    void waitForHeading(String expected) {
        try {
            wait.until(d -> heading().equals(expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertThat(heading())
                    .as("main heading of " + driver.getCurrentUrl())
                    .isEqualTo(expected);
        }
    }

    String htmlLang() {
        return driver.findElement(By.tagName("html")).getDomAttribute("lang");
    }

    String successMessage() {
        return wait.until(d -> {
            var flash = d.findElement(By.cssSelector(".flash-area .flash.success"));
            return flash.isDisplayed() ? flash.getText() : null;
        });
    }

    void fill(String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    /** Submits the form in the page's main area whose action ends with the path. */
    void submit(String actionPath) {
        driver.findElement(By.cssSelector("main form[action$='" + actionPath + "'] button[type=submit]"))
                .click();
    }

    // --- the header ---

    void logIn(String email, String password) {
        open("/login");
        fill("email", email);
        fill("password", password);
        submit("/login");
        wait.until(d -> !path().equals("/login") || d.getCurrentUrl().contains("error="));
        assertThat(driver.getCurrentUrl()).as("after logging in as " + email).doesNotContain("/login");
    }

    void logOut() {
        click(By.cssSelector("header form[action$='/logout'] button"));
        wait.until(d -> d.getCurrentUrl().contains("loggedOut"));
    }

    /** Clicks the language link in the header and waits for the page in that language. */
    void switchLanguage(String language) {
        click(By.cssSelector("header nav.languages a[hreflang='" + language + "']"));
        wait.until(d -> language.equals(htmlLang()));
    }

    /** Waits for something that arrives in the background (a post, an alert), reloading the page until it shows. */
    void reloadUntilPresent(By by) {
        wait.until(d -> {
            if (d.findElements(by).isEmpty()) {
                d.navigate().refresh();
                return false;
            }
            return true;
        });
    }

    void openFromStaffNavigation(String path) {
        click(By.cssSelector("header nav a[href$='" + path + "']"));
        waitForPath(path);
    }

    // --- lists and the mail outbox ---

    /**
     * Searches a list page as a person would: types into the search box and presses the filter button. Works with and
     * without htmx (which would also search while typing); waits until the search is in the address bar.
     */
    void search(String text) {
        driver.findElement(By.id("q")).sendKeys(text);
        driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().contains("q="));
    }

    /** The row of the results table that has a cell with exactly this text. */
    WebElement resultRow(String cellText) {
        return wait.until(d -> d.findElements(By.cssSelector("#results tbody tr")).stream()
                .filter(row -> row.findElements(By.tagName("td")).stream()
                        .anyMatch(cell -> cell.getText().equals(cellText)))
                .findFirst()
                .orElse(null));
    }

    /** Clicks the link in the result row; tries again if a late htmx swap replaced the row meanwhile. */
    void clickInResultRow(String cellText, By link) {
        wait.until(d -> {
            resultRow(cellText).findElement(link).click();
            return true;
        });
    }

    /** As an admin, from any staff page: finds the mail in the outbox, as a person would, and opens it. */
    void openMail(String recipient, String subject) {
        openFromStaffNavigation("/admin/mail");
        search(recipient);
        clickInResultRow(recipient, By.linkText(subject));
        waitForHeading(subject);
        assertThat(driver.findElement(By.cssSelector("main dl.facts")).getText())
                .contains(recipient);
    }

    /** The link in the open mail's body that leads to this path of the application. */
    WebElement mailLink(String path) {
        return visible(By.cssSelector(".mail-body a[href^='" + url(path) + "?token=']"));
    }

    // --- hostile content ---

    /**
     * No dialog is open, and nothing on the page could run a script that the page did not bring itself. Structured data
     * (JSON-LD) is inline but never run.
     */
    void assertNoScriptRan() {
        assertNoAlert();
        assertThat(driver.findElements(By.cssSelector(
                        "script:not([src]):not([type='application/ld+json']), [onerror], [onload], img[src='x']")))
                .as("injected elements on " + driver.getCurrentUrl())
                .isEmpty();
    }

    void assertNoAlert() {
        assertThatThrownBy(() -> driver.switchTo().alert())
                .as("an alert on " + driver.getCurrentUrl())
                .isInstanceOf(NoAlertPresentException.class);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
