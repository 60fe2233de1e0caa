package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** What the browser tests do on a machine without Chromium; needs no browser itself. */
class BrowserAvailabilityTests {

    static final Path MISSING = Path.of("/nonexistent/chromium");
    static final Path PRESENT = Path.of("/bin/sh");

    @Test
    void skipsWithInstallHintWhenBrowserIsMissingOnADevelopersMachine() {
        assertThatThrownBy(() -> BrowserExtension.requireBrowser(Map.of(), MISSING, PRESENT))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("apt-get install chromium chromium-driver");
    }

    @Test
    void failsWithInstallHintWhenBrowserIsMissingOnCi() {
        assertThatThrownBy(() -> BrowserExtension.requireBrowser(Map.of("CI", "true"), PRESENT, MISSING))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("apt-get install chromium chromium-driver");
    }

    @Test
    void failsWhenABrowserIsRequiredExplicitly() {
        assertThatThrownBy(() -> BrowserExtension.requireBrowser(
                        Map.of("CI", "false", "BACKCHANNEL_REQUIRE_BROWSER", "true"), MISSING, MISSING))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("apt-get install chromium chromium-driver");
    }

    @Test
    void passesWhenBothAreInstalled() {
        assertThatCode(() -> BrowserExtension.requireBrowser(Map.of("CI", "true"), PRESENT, PRESENT))
                .doesNotThrowAnyException();
    }
}
