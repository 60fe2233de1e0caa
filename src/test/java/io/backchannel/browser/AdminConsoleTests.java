package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

class AdminConsoleTests extends BrowserTest {

    @Test
    void adminCreatesAnInvitedStaffAccountAndAddsItToANewTeam() {
        String admin = createAdmin();
        String email = uniqueEmail("colleague");
        String name = "Nora Neu " + unique();
        String team = "Complaints " + unique();
        logIn(admin, PASSWORD);
        waitForPath("/workspace");

        // Create the staff account.
        openFromStaffNavigation("/admin/accounts");
        click(By.cssSelector("main a[href$='/admin/accounts/new']"));
        waitForHeading("New staff account");
        fill("email", email);
        fill("displayName", name);
        assertThat(driver.findElement(By.cssSelector("input[name=roles][value=STAFF]"))
                        .isSelected())
                .as("staff role preselected")
                .isTrue();
        new Select(driver.findElement(By.id("locale"))).selectByValue("de");
        submit("/admin/accounts/new");
        waitForPathMatching("/admin/accounts/[0-9a-f-]{36}");
        assertThat(successMessage()).isEqualTo("The account is created and the invitation is sent.");
        waitForHeading(name);

        // It is in the list.
        click(By.linkText("Back to all accounts"));
        waitForPath("/admin/accounts");
        search(email);
        WebElement row = resultRow(email);
        assertThat(row.getText()).contains(name).contains("Staff");

        // The invitation waits in the outbox, in the colleague's language, with a link to choose a password.
        openMail(email, "Ihr Backchannel-Mitarbeiterkonto");
        String invitation = mailLink("/password/reset").getDomAttribute("href");

        // Create a team and add the colleague.
        openFromStaffNavigation("/admin/teams");
        fill("name", team);
        fill("description", "Where complaints are answered");
        submit("/admin/teams");
        waitForPathMatching("/admin/teams/[0-9a-f-]{36}");
        assertThat(successMessage()).isEqualTo("The team is created.");
        waitForHeading(team);
        assertThat(driver.findElement(By.cssSelector("main")).getText()).contains("No members yet.");
        fill("email", email);
        submit("/members");
        assertThat(successMessage()).isEqualTo("Member added.");
        assertThat(visible(By.cssSelector("main ul.members li")).getText())
                .contains(name)
                .contains(email);
        logOut();

        // The colleague follows the invitation, chooses a password and finds the team in the workspace.
        driver.get(invitation);
        waitForHeading("Choose a new password");
        fill("password", "a password of my own");
        fill("passwordRepeat", "a password of my own");
        submit("/password/reset");
        waitForPath("/login");
        assertThat(successMessage()).isEqualTo("Your new password is saved. You can log in with it now.");
        logIn(email, "a password of my own");
        waitForPath("/workspace");
        assertThat(driver.findElements(By.cssSelector("main .card h3")).stream().map(WebElement::getText))
                .containsExactly(team);
    }

    @Test
    void mailOutboxSearchFiltersWhileTyping() {
        String admin = createAdmin();
        logIn(admin, PASSWORD);
        openFromStaffNavigation("/admin/mail");
        assertThat(((JavascriptExecutor) driver).executeScript("return typeof window.htmx"))
                .as("htmx loaded")
                .isEqualTo("object");

        driver.findElement(By.id("q")).sendKeys(admin);

        wait.until(d -> d.getCurrentUrl().contains("q="));
        assertThat(driver.findElement(By.cssSelector("#results [role=status]")).getText())
                .isEqualTo("Nothing found");
    }
}
