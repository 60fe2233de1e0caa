package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.ideas.IdeasManagement;
import io.backchannel.identity.Role;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/** Tags and languages as people use them: tagging an idea, following a tag, narrowing the list by language. */
class IdeaLabelsJourneyTests extends BrowserTest {

    @Autowired
    IdeasManagement ideas;

    @Test
    void authorTagsAnIdeaReadersFollowTheTagAndNarrowByLanguageStaffRetag() {
        String marker = unique();
        String board = "Stoves " + marker;
        var category = ideas.createCategory("stoves-" + marker, board, "", false);
        ideas.submit(
                createAccount(uniqueEmail("earlier"), "Earlier Customer", Role.CUSTOMER),
                category,
                "Mehr Brennstoff " + marker,
                "Bitte verkauft größere Kartuschen für den Gaskocher, die kleinen sind nach zwei Tagen leer.",
                List.of("kocher-" + marker));

        logInAsNew("author", "Ann Author", Role.CUSTOMER);
        open("/ideas/new");
        fill("title", "Windshield for the stove " + marker);
        new Select(driver.findElement(By.id("category"))).selectByVisibleText(board);
        fill("description", "Please sell a foldable windshield that fits the small camping stove.");
        fill("tags", "Kocher-" + marker + ", one, two, three, four, five");
        submit("/ideas/new");
        // The refused form comes back at the same address: wait for the answer, not for a new path.
        wait.until(d -> !d.findElements(By.id("tags-error")).isEmpty());
        assertThat(driver.findElement(By.id("tags-error")).getText()).contains("at most 5 tags");
        fill("tags", "Kocher-" + marker + ", Wind");
        submit("/ideas/new");
        waitForPathMatching("/ideas/\\d+");
        String ideaPath = path();
        assertThat(driver.findElement(By.cssSelector("main h1")).getDomAttribute("lang"))
                .isEqualTo("en");
        logOut();

        open(ideaPath);
        click(By.linkText("kocher-" + marker));
        waitForPath("/ideas");
        assertThat(driver.findElement(By.cssSelector(".popular-tags [role=status]"))
                        .getText())
                .contains("kocher-" + marker);
        assertThat(driver.findElements(By.cssSelector("#results .idea h2")))
                .extracting(title -> title.getText())
                .containsExactlyInAnyOrder("Windshield for the stove " + marker, "Mehr Brennstoff " + marker);
        new Select(driver.findElement(By.id("language"))).selectByValue("de");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#results .idea h2"), 1));
        assertThat(driver.findElement(By.cssSelector("#results .idea h2")).getText())
                .isEqualTo("Mehr Brennstoff " + marker);
        assertThat(driver.findElement(By.cssSelector("#results .idea .tag.language"))
                        .getText())
                .isEqualTo("German");

        logInAsNew("staff", "Pia Product", Role.STAFF);
        open(ideaPath);
        fill("retag", "wind, windshield-" + marker);
        submit("/tags");
        assertThat(successMessage()).contains("The tags are saved");
        assertThat(driver.findElements(By.cssSelector("main .tag-list a[rel=tag]")))
                .extracting(link -> link.getText())
                .containsExactly("wind", "windshield-" + marker);
    }
}
