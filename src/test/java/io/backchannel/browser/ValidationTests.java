package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A browser that asks for German first. */
@BrowserLanguages("de-DE,de")
class ValidationTests extends BrowserTest {

    static final List<String> REQUIRED = List.of("email", "displayName", "password");

    @Test
    void emptyRegistrationShowsGermanMessagesToAGermanBrowser() {
        open("/register");
        waitForHeading("Kundenkonto anlegen");
        assertThat(htmlLang()).isEqualTo("de");

        submit("/register");

        waitForPath("/register");
        visible(By.id("email-error"));
        assertThat(htmlLang()).isEqualTo("de");
        for (String field : REQUIRED) {
            assertThat(driver.findElement(By.id(field + "-error")).getText())
                    .as("error of %s", field)
                    .isEqualTo("Bitte füllen Sie dieses Feld aus.");
            WebElement input = driver.findElement(By.id(field));
            assertThat(input.getDomAttribute("aria-invalid")).isEqualTo("true");
            assertThat(input.getDomAttribute("aria-describedby")).isEqualTo(field + "-error");
        }
        assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("Please fill in");
    }

    @Test
    void languageChosenInTheHeaderDecidesTheLanguageOfTheMessages() {
        open("/register");
        switchLanguage("en");
        waitForHeading("Create a customer account");
        submit("/register");
        assertThat(visible(By.id("email-error")).getText()).isEqualTo("Please fill in this field.");

        switchLanguage("de");
        waitForHeading("Kundenkonto anlegen");
        fill("email", "not an address");
        fill("displayName", "Kim");
        fill("password", "short");
        submit("/register");
        assertThat(visible(By.id("email-error")).getText())
                .isEqualTo("Bitte geben Sie eine gültige E-Mail-Adresse ein.");
        assertThat(driver.findElement(By.id("password-error")).getText()).isEqualTo("Bitte mindestens 10 Zeichen.");
        assertThat(driver.findElements(By.id("displayName-error"))).isEmpty();
        assertThat(driver.findElement(By.id("displayName")).getDomProperty("value"))
                .isEqualTo("Kim");
    }
}
