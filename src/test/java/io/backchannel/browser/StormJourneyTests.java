package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.ideas.IdeasManagement;
import io.backchannel.identity.Role;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/** Staff open a storm session; a customer brings an idea to it from the session's page and earns a badge. */
class StormJourneyTests extends BrowserTest {

    @Autowired
    IdeasManagement ideas;

    @Test
    void staffOpenASessionAndACustomerBringsAnIdeaToIt() {
        String marker = unique();
        String board = "Winter " + marker;
        ideas.createCategory("winter-" + marker, board, "", false);

        logInAsNew("staff", "Stella Staff", Role.STAFF);
        open("/workspace");
        openFromStaffNavigation("/workspace/ideas/storms");
        fill("title", "Cold nights " + marker);
        fill("description", "What keeps you **warm**?");
        new Select(driver.findElement(By.id("category"))).selectByVisibleText(board);
        var now = LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES);
        dateTime("startsAt", now.minusHours(1));
        dateTime("endsAt", now.plusDays(7));
        submit("/workspace/ideas/storms");
        waitForPathMatching("/ideas/storms/cold-nights-.+");
        assertThat(successMessage()).contains("The storm session is set up");
        String session = path();
        logOut();

        String customer = logInAsNew("customer", "Cora Customer", Role.CUSTOMER);
        open("/ideas");
        click(By.linkText("Cold nights " + marker));
        waitForPath(session);
        click(By.linkText("Bring an idea to this session"));
        waitForPath("/ideas/new");
        assertThat(new Select(driver.findElement(By.id("storm")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Cold nights " + marker);
        fill("title", "Heated sleeping bag liner " + marker);
        new Select(driver.findElement(By.id("category"))).selectByVisibleText(board);
        fill("description", "A liner with a small heating pad.");
        submit("/ideas/new");
        waitForPathMatching("/ideas/\\d+");
        assertThat(driver.findElement(By.cssSelector(".idea-head .person")).getText())
                .contains("Cora Customer", "First idea");

        open(session);
        assertThat(driver.findElement(By.cssSelector("main .ideas")).getText())
                .contains("Heated sleeping bag liner " + marker, "Cora Customer", "First idea");
        click(By.cssSelector("main .ideas .person a"));
        waitForHeading("Cora Customer");
        assertThat(driver.findElement(By.cssSelector("main .badge-card")).getText())
                .contains("First idea", "Posted an idea on the portal.");
    }

    /** Sets a date-time field as the browser's picker would; typing into one depends on the browser's locale. */
    private void dateTime(String id, LocalDateTime value) {
        ((JavascriptExecutor) driver)
                .executeScript("arguments[0].value = arguments[1]", driver.findElement(By.id(id)), value.toString());
    }
}
