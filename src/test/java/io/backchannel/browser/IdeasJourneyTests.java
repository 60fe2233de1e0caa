package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.ideas.IdeasManagement;
import io.backchannel.identity.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/** The idea's way from a customer's post to "Ideas in action", as the people involved click through it. */
class IdeasJourneyTests extends BrowserTest {

    @Autowired
    IdeasManagement ideas;

    @Test
    void customerPostsIdeaAnotherVotesStaffImplementsItAndItShowsInAction() {
        String marker = unique();
        String board = "Tents " + marker;
        var category = ideas.createCategory("tents-" + marker, board, "", false);
        ideas.submit(
                createAccount(uniqueEmail("earlier"), "Earlier Customer", Role.CUSTOMER),
                category,
                "Lantern hook inside the tent " + marker,
                "A hook to hang a lantern.");

        logInAsNew("author", "Ann Author", Role.CUSTOMER);
        open("/ideas/new");
        driver.findElement(By.id("title")).sendKeys("Lantern hook " + marker);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("similar"), "Lantern hook inside the tent " + marker));
        new Select(driver.findElement(By.id("category"))).selectByVisibleText(board);
        fill("description", "Two hooks, **one** on each side.");
        submit("/ideas/new");
        waitForPathMatching("/ideas/\\d+");
        String ideaPath = path();
        assertThat(successMessage()).contains("Your idea is posted");
        assertThat(driver.findElement(By.cssSelector(".prose strong")).getText())
                .isEqualTo("one");
        logOut();

        logInAsNew("voter", "Victor Voter", Role.CUSTOMER);
        open(ideaPath);
        click(By.xpath("//main//button[normalize-space()='Promote']"));
        wait.until(
                d -> d.findElement(By.cssSelector(".vote-box .score")).getText().equals("2"));
        logOut();

        String staff = logInAsNew("staff", "Pia Product", Role.STAFF);
        open("/workspace");
        openFromStaffNavigation("/workspace/ideas/triage");
        click(By.xpath("//tr[.//a[normalize-space()='Lantern hook " + marker
                + "']]//button[normalize-space()='Acknowledge']"));
        assertThat(successMessage()).contains("The idea is acknowledged");
        assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("Lantern hook " + marker);
        open(ideaPath);
        assertThat(driver.findElement(By.cssSelector("section.staff-box")).getText())
                .contains("Acknowledged by Pia Product");
        new Select(driver.findElement(By.id("status"))).selectByValue("IMPLEMENTED");
        fill("explanation", "Every tent has two hooks from today.");
        submit("/status");
        assertThat(successMessage()).contains("The status is saved");
        assertThat(driver.findElement(By.cssSelector(".history")).getText())
                .contains("Implemented", "Every tent has two hooks from today.", "Pia Product");

        open("/ideas/in-action");
        assertThat(driver.findElement(By.tagName("main")).getText())
                .contains("Lantern hook " + marker, "Every tent has two hooks from today.");
    }
}
