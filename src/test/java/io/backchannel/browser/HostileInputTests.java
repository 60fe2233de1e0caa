package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

class HostileInputTests extends BrowserTest {

    static final String SCRIPT = "<script>alert(1)</script>";
    static final String IMAGE = "<img src=x onerror=alert(1)>";
    static final String SVG = "\"><svg onload=alert(1)>";

    @ParameterizedTest
    @ValueSource(strings = {SCRIPT, IMAGE, SVG})
    void registrationFormEchoesAHostileNameBackAsAValueOnly(String hostile) {
        open("/register");
        fill("email", uniqueEmail("echo"));
        fill("displayName", hostile);
        fill("password", PASSWORD);
        fill("passwordRepeat", PASSWORD + " but different");
        submit("/register");

        visible(By.id("passwordRepeat-error"));
        assertThat(driver.findElement(By.id("displayName")).getDomProperty("value"))
                .isEqualTo(hostile);
        assertNoScriptRan();
    }

    @Test
    void hostileDisplayNameIsShownAsTextToAdminsInMailAndInThePortal() {
        String hostile = SCRIPT + IMAGE + SVG;
        String admin = createAdmin();
        String email = uniqueEmail("hostile");

        open("/register");
        fill("email", email);
        fill("displayName", hostile);
        fill("password", PASSWORD);
        fill("passwordRepeat", PASSWORD);
        submit("/register");
        waitForPath("/login");
        assertNoScriptRan();

        logIn(admin, PASSWORD);
        openFromStaffNavigation("/admin/accounts");
        search(email);
        assertThat(resultRow(email).getText()).contains(hostile);
        assertNoScriptRan();
        clickInResultRow(email, By.cssSelector("a[href*='/admin/accounts/']"));
        waitForHeading(hostile);
        assertThat(driver.getTitle()).isEqualTo(hostile);
        assertNoScriptRan();

        openMail(email, "Please confirm your e-mail address");
        assertThat(driver.findElement(By.cssSelector(".mail-body")).getText()).startsWith("Hello " + hostile + ",");
        assertThat(driver.findElements(By.cssSelector(".mail-body a"))).hasSize(1);
        assertNoScriptRan();
        mailLink("/register/confirm").click();
        waitForHeading("E-mail address confirmed");
        logOut();

        logIn(email, PASSWORD);
        waitForPath("/account");
        waitForHeading("Welcome, " + hostile);
        assertThat(driver.findElement(By.cssSelector("header a[href$='/account']"))
                        .getText())
                .isEqualTo(hostile);
        assertThat(driver.findElement(By.id("displayName")).getDomProperty("value"))
                .isEqualTo(hostile);
        assertNoScriptRan();
    }

    @Test
    void contentSecurityPolicyBlocksInlineScriptsAndHandlersEvenWhenInjected() throws Exception {
        assertThat(contentSecurityPolicy("/register"))
                .contains("script-src 'self'")
                .contains("object-src 'none'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");

        open("/register");
        visible(By.tagName("h1"));
        assertThat(injectAndWatch("var s = document.createElement('script');"
                        + "s.textContent = 'window.__ran = true'; document.body.appendChild(s);"))
                .containsEntry("violated", "script-src-elem")
                .containsEntry("ran", false);
        assertThat(injectAndWatch("var div = document.createElement('div');"
                        + "div.innerHTML = '<img src=x onerror=\"window.__ran = true\">';"
                        + "document.body.appendChild(div);"))
                .containsEntry("violated", "script-src-attr")
                .containsEntry("ran", false);
        assertNoAlert();
    }

    private String contentSecurityPolicy(String path) throws IOException, InterruptedException {
        try (var client = HttpClient.newHttpClient()) {
            var response = client.send(
                    HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.headers().firstValue("Content-Security-Policy").orElse("");
        }
    }

    /** Runs the page script and reports the CSP violation it caused, if any, and whether the injected code ran. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> injectAndWatch(String script) {
        return (Map<String, Object>) ((JavascriptExecutor) driver)
                .executeAsyncScript("var done = arguments[arguments.length - 1]; window.__ran = false;"
                        + "document.addEventListener('securitypolicyviolation', function (e) {"
                        + "  setTimeout(function () { done({violated: e.effectiveDirective, ran: window.__ran}); }, 100);"
                        + "}, {once: true});"
                        + "setTimeout(function () { done({violated: 'none', ran: window.__ran}); }, 3000);"
                        + script);
    }
}
