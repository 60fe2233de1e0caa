package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.identity.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

class CustomerJourneyTests extends BrowserTest {

    @Test
    void customerRegistersConfirmsByTheLinkInTheHeldMailAndReadsThePortalInGerman() {
        String admin = createAdmin();
        String email = uniqueEmail("customer");
        String name = "Carla Kundin " + unique();

        open("/");
        assertThat(htmlLang()).isEqualTo("en");
        click(By.cssSelector("header a[href$='/register']"));
        waitForHeading("Create a customer account");
        fill("email", email);
        fill("displayName", name);
        fill("password", PASSWORD);
        fill("passwordRepeat", PASSWORD);
        submit("/register");
        waitForPath("/login");
        assertThat(successMessage()).startsWith("Almost done");

        // Without SMTP the mail is held; an admin opens it in the outbox and follows its link.
        logIn(admin, PASSWORD);
        waitForPath("/workspace");
        openMail(email, "Please confirm your e-mail address");
        assertThat(driver.findElement(By.cssSelector(".mail-body")).getText()).startsWith("Hello " + name + ",");
        mailLink("/register/confirm").click();
        waitForPath("/register/confirm");
        waitForHeading("E-mail address confirmed");
        logOut();

        logIn(email, PASSWORD);
        waitForPath("/account");
        waitForHeading("Welcome, " + name);

        switchLanguage("de");
        waitForPath("/account");
        waitForHeading("Willkommen, " + name);
        assertThat(htmlLang()).isEqualTo("de");
        assertThat(driver.findElement(By.cssSelector("main p")).getText()).isEqualTo("Ihr Kundenkonto.");

        // The choice is kept (cookie) for the next page without the parameter.
        open("/account");
        waitForHeading("Willkommen, " + name);
        assertThat(htmlLang()).isEqualTo("de");
    }

    @Test
    void rememberedLoginOutlivesTheSessionButNotTheRememberMeCookie() {
        String email = uniqueEmail("remembered");
        createAccount(email, "Rita Remembered", Role.CUSTOMER);

        open("/login");
        fill("email", email);
        fill("password", PASSWORD);
        click(By.id("remember-me"));
        submit("/login");
        waitForPath("/account");
        assertThat(driver.manage().getCookieNamed("remember-me")).isNotNull();

        driver.manage().deleteCookieNamed("JSESSIONID");
        open("/account");
        waitForHeading("Welcome, Rita Remembered");

        driver.manage().deleteAllCookies();
        open("/account");
        waitForPath("/login");
    }
}
