package io.backchannel.browser;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriverLogLevel;
import org.opentest4j.TestAbortedException;
import org.springframework.util.FileSystemUtils;

/**
 * One headless Chromium per test class, driven by the Debian {@code chromium} and {@code chromium-driver} packages
 * (never anything Selenium Manager would download). Each test starts without cookies; a failed test leaves a
 * screenshot and the page source in {@code target/browser-artifacts/}. Test methods and callbacks get the browser as
 * a {@link WebDriver} parameter.
 *
 * <p>Without Chromium or ChromeDriver the tests are skipped, unless {@code CI} or {@code BACKCHANNEL_REQUIRE_BROWSER}
 * is {@code true}: there they fail, so that a machine without a browser cannot pass for green.
 */
final class BrowserExtension
        implements BeforeAllCallback,
                AfterAllCallback,
                BeforeEachCallback,
                AfterTestExecutionCallback,
                ParameterResolver {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path ARTIFACTS = Path.of("target", "browser-artifacts");
    static final String ENGLISH = "en-US,en";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(BrowserExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        requireBrowser(System.getenv(), CHROMIUM, CHROMEDRIVER);
        String languages = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), BrowserLanguages.class)
                .map(BrowserLanguages::value)
                .orElse(ENGLISH);
        context.getStore(NAMESPACE).put(Browser.class, Browser.start(languages));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Browser browser = context.getStore(NAMESPACE).remove(Browser.class, Browser.class);
        if (browser != null) {
            browser.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        browser(context).forgetCookies();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        context.getExecutionException()
                .filter(failure -> !(failure instanceof TestAbortedException))
                .ifPresent(failure -> browser(context)
                        .saveArtifacts(context.getRequiredTestClass().getSimpleName() + "."
                                + context.getRequiredTestMethod().getName()));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == WebDriver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return browser(context).driver();
    }

    private static Browser browser(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(Browser.class, Browser.class);
    }

    /**
     * Fails (on CI, or when asked to) or aborts the tests when the browser or its driver is not installed.
     *
     * @throws org.opentest4j.AssertionFailedError when a browser is required
     * @throws TestAbortedException otherwise
     */
    static void requireBrowser(Map<String, String> environment, Path chromium, Path chromedriver) {
        if (Files.isExecutable(chromium) && Files.isExecutable(chromedriver)) {
            return;
        }
        String message = "Browser tests need Chromium at " + chromium + " and ChromeDriver at " + chromedriver
                + ". Install them with: apt-get install chromium chromium-driver";
        if (isTrue(environment.get("CI")) || isTrue(environment.get("BACKCHANNEL_REQUIRE_BROWSER"))) {
            Assertions.fail(message + " (a browser is required because CI or BACKCHANNEL_REQUIRE_BROWSER is true)");
        }
        throw new TestAbortedException(message);
    }

    private static boolean isTrue(String value) {
        return "true".equalsIgnoreCase(value);
    }

    /** A running Chromium with its own throw-away profile. */
    record Browser(ChromeDriver driver, Path profile) {

        static Browser start(String languages) throws IOException {
            Path profile = Files.createTempDirectory("backchannel-chromium-");
            var options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--disable-quic",
                    "--user-data-dir=" + profile,
                    "--window-size=1280,900",
                    "--lang=" + languages.split(",")[0]);
            options.setExperimentalOption(
                    "prefs",
                    Map.of(
                            "intl.accept_languages", languages,
                            "credentials_enable_service", false,
                            "profile.password_manager_enabled", false,
                            "profile.password_manager_leak_detection", false));
            options.setPageLoadStrategy(PageLoadStrategy.NORMAL);
            // An alert stays open, so that a test can see it instead of the driver silently dismissing it.
            options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
            var service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                    .usingAnyFreePort()
                    .withLogLevel(ChromiumDriverLogLevel.WARNING)
                    .build();
            try {
                var driver = new ChromeDriver(service, options);
                driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
                driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
                return new Browser(driver, profile);
            } catch (RuntimeException e) {
                service.stop();
                FileSystemUtils.deleteRecursively(profile);
                throw e;
            }
        }

        void forgetCookies() {
            driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        }

        void saveArtifacts(String name) {
            try {
                Files.createDirectories(ARTIFACTS);
                String alert = dismissAlert();
                Path screenshot = ARTIFACTS.resolve(name + ".png");
                Files.write(screenshot, driver.getScreenshotAs(OutputType.BYTES));
                Path source = ARTIFACTS.resolve(name + ".html");
                Files.writeString(
                        source,
                        "<!-- " + driver.getCurrentUrl() + (alert == null ? "" : " (alert: " + alert + ")") + " -->\n"
                                + driver.getPageSource(),
                        StandardCharsets.UTF_8);
                System.err.println("Browser test failed; see " + screenshot.toAbsolutePath() + " and " + source);
            } catch (IOException | WebDriverException e) {
                System.err.println("Could not save the browser's state for " + name + ": " + e);
            }
        }

        /** An open alert would stop the screenshot; returns its text. */
        private String dismissAlert() {
            try {
                var alert = driver.switchTo().alert();
                String text = alert.getText();
                alert.dismiss();
                return text;
            } catch (NoAlertPresentException e) {
                return null;
            }
        }

        void close() {
            try {
                driver.quit();
            } finally {
                try {
                    FileSystemUtils.deleteRecursively(profile);
                } catch (IOException e) {
                    System.err.println("Could not delete the browser profile " + profile + ": " + e);
                }
            }
        }
    }
}
