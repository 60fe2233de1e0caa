package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

class AccessibilityTests extends BrowserTest {

    @Test
    void firstTabOnTheStartPageFocusesTheSkipLinkWhichLeadsToTheContent() {
        open("/");
        visible(By.tagName("h1"));

        new Actions(driver).sendKeys(Keys.TAB).perform();

        WebElement focused = driver.switchTo().activeElement();
        assertThat(focused.getDomAttribute("class")).isEqualTo("skip-link");
        assertThat(focused.getText()).isEqualTo("Skip to content");
        assertThat(focused.getDomAttribute("href")).isEqualTo("#main");
        assertThat(focused.isDisplayed()).isTrue();
        assertThat(focused.getRect().getX())
                .as("focused skip link is on screen")
                .isGreaterThanOrEqualTo(0);

        focused.sendKeys(Keys.ENTER);
        wait.until(d -> "main".equals(d.switchTo().activeElement().getDomAttribute("id")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/register", "/login", "/password/forgot", "/register/resend", "/blog"})
    void everyFormFieldOfThePublicFormsHasALabel(String page) {
        open(page);
        visible(By.tagName("h1"));

        List<WebElement> fields =
                driver.findElements(By.cssSelector("main input:not([type=hidden]), main select, main textarea"));
        assertThat(fields).isNotEmpty();
        for (WebElement field : fields) {
            String id = field.getDomAttribute("id");
            assertThat(id)
                    .as("id of field %s on %s", field.getDomAttribute("name"), page)
                    .isNotBlank();
            List<WebElement> labels = driver.findElements(By.cssSelector("label[for='" + id + "']"));
            assertThat(labels).as("labels for #%s on %s", id, page).hasSize(1);
            assertThat(labels.getFirst().getText())
                    .as("label of #%s on %s", id, page)
                    .isNotBlank();
        }
    }
}
