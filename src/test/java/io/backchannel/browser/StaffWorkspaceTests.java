package io.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.identity.Role;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

class StaffWorkspaceTests extends BrowserTest {

    @Test
    void staffMemberOfTwoTeamsLandsInTheWorkspaceAndSeesExactlyThoseTeams() {
        String email = uniqueEmail("staff");
        String name = "Sam Staff " + unique();
        UUID staff = createAccount(email, name, Role.STAFF);
        String support = "Support " + unique();
        String product = "Product " + unique();
        String elsewhere = "Elsewhere " + unique();
        UUID supportTeam = identity.createTeam(support, "First answers to customers");
        UUID productTeam = identity.createTeam(product, "");
        identity.createTeam(elsewhere, "A team the staff member is not in");
        identity.addToTeam(supportTeam, staff);
        identity.addToTeam(productTeam, staff);

        logIn(email, PASSWORD);

        waitForPath("/workspace");
        waitForHeading("Hello, " + name);
        assertThat(driver.findElements(By.cssSelector("main .card h3")).stream().map(WebElement::getText))
                .containsExactlyInAnyOrder(support, product);
        assertThat(driver.findElement(By.cssSelector("main")).getText())
                .contains("First answers to customers")
                .doesNotContain(elsewhere);
        // Staff see the workspace navigation, but not the admin pages.
        assertThat(driver.findElements(By.cssSelector("header nav a[href$='/admin/accounts']")))
                .isEmpty();
    }
}
