package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.identity.Role;
import java.util.Set;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/** Admins' names for the built-in statuses and their own statuses, shown wherever a status is. */
@IntegrationTest
class StatusesTests extends IdeasIntegrationTest {

    static final String PAGE = "/admin/ideas/statuses";

    String marker;
    String slug;
    UUID board;
    UUID author;
    MockHttpSession admin;
    MockHttpSession staff;

    @BeforeEach
    void setUp() throws Exception {
        marker = "s" + marker();
        slug = "statuses-" + marker;
        board = ideas.createCategory(slug, "Statuses " + marker, "", false);
        author = id(TestAccounts.create(identity, "author", Role.CUSTOMER));
        admin = logIn("admin", Role.ADMIN);
        staff = logIn("staff", Role.STAFF);
    }

    @AfterEach
    void standardNames() throws Exception {
        // Renames are global: give the next test the standard names back.
        jdbc.sql("delete from ideas_status_label where builtin").update();
        mvc.perform(post(PAGE + "/rename")
                .session(admin)
                .with(csrf())
                .param("stage", "IMPLEMENTED")
                .param("nameEn", "")
                .param("nameDe", ""));
    }

    @Test
    void adminRenamesABuiltInStatusPerLanguageEverywhereItShows() throws Exception {
        String germanEmail = TestAccounts.email("follower");
        UUID german = identity.createAccount(germanEmail, "Greta", TestAccounts.PASSWORD, Set.of(Role.CUSTOMER), "de");
        long number = ideas.submit(author, board, "Renamed " + marker, "text");
        ideas.vote(number, german, 1);

        mvc.perform(post(PAGE + "/rename")
                        .session(admin)
                        .with(csrf())
                        .param("stage", "IMPLEMENTED")
                        .param("nameEn", "Shipped " + marker)
                        .param("nameDe", "Ausgeliefert " + marker))
                .andExpect(redirectedUrl(PAGE))
                .andExpect(flash().attribute("flash", "ideas.statuses.renamed"));
        ideas.changeStatus(number, IdeaStatus.IMPLEMENTED, "Done", id(TestAccounts.create(identity, "s", Role.STAFF)));

        mvc.perform(get("/ideas").param("category", slug))
                .andExpect(content().string(containsString("Shipped " + marker)));
        mvc.perform(get("/ideas/" + number).header("Accept-Language", "de"))
                .andExpect(content().string(containsString("Ausgeliefert " + marker)));
        mvc.perform(get("/ideas/" + number + "/feed.atom"))
                .andExpect(content().string(containsString("Shipped " + marker)));
        mvc.perform(get("/ideas/export.csv").session(staff).param("category", slug))
                .andExpect(content().string(containsString("Shipped " + marker)));
        assertThat(awaitMail(germanEmail)).contains("Neuer Status: Ausgeliefert " + marker);

        mvc.perform(post(PAGE + "/rename")
                        .session(admin)
                        .with(csrf())
                        .param("stage", "IMPLEMENTED")
                        .param("nameEn", "")
                        .param("nameDe", ""))
                .andExpect(redirectedUrl(PAGE));
        mvc.perform(get("/ideas/" + number))
                .andExpect(content().string(containsString("Implemented")))
                .andExpect(content().string(not(containsString("Shipped " + marker))));
    }

    @Test
    void staffSetsAnOwnStatusThatKeepsItsStageAndCanBeFilteredBy() throws Exception {
        UUID beta = addStatus("Beta testing " + marker, "Betatest " + marker, "IN_PROGRESS", false);
        long number = ideas.submit(author, board, "In beta " + marker, "text");
        long other = ideas.submit(author, board, "Plain progress " + marker, "text");
        ideas.changeStatus(other, IdeaStatus.IN_PROGRESS, "", id(TestAccounts.create(identity, "s", Role.STAFF)));

        mvc.perform(post("/ideas/" + number + "/status")
                        .session(staff)
                        .with(csrf())
                        .param("status", beta.toString())
                        .param("explanation", ""))
                .andExpect(flash().attribute("flash", "ideas.status.changed"));

        assertThat(jdbc.sql("select status || ' ' || status_label_id from ideas_idea where number = ?")
                        .param(number)
                        .query(String.class)
                        .single())
                .isEqualTo("IN_PROGRESS " + beta);
        var detail = Jsoup.parse(mvc.perform(get("/ideas/" + number).header("Accept-Language", "de"))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(detail.select(".meta .status").text()).isEqualTo("Betatest " + marker);
        assertThat(detail.select(".history").text()).contains("Betatest " + marker);

        var list = Jsoup.parse(mvc.perform(get("/ideas").param("category", slug).param("status", beta.toString()))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(list.select("#status option").eachText()).contains("Beta testing " + marker, "In progress");
        assertThat(list.select("ol.ideas h2").eachText()).containsExactly("In beta " + marker);
        var stage =
                Jsoup.parse(mvc.perform(get("/ideas").param("category", slug).param("status", "IN_PROGRESS"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(stage.select("ol.ideas h2").eachText())
                .containsExactlyInAnyOrder("In beta " + marker, "Plain progress " + marker);
        mvc.perform(get("/ideas/feed.atom").param("category", slug).param("status", beta.toString()))
                .andExpect(content().string(containsString("Beta testing " + marker)))
                .andExpect(content().string(not(containsString("Plain progress " + marker))));
        mvc.perform(get("/ideas").param("status", "<script>nonsense</script>")).andExpect(status().isOk());

        mvc.perform(post(PAGE + "/" + beta + "/delete").session(admin).with(csrf()))
                .andExpect(flash().attribute("flash", "ideas.statuses.deleted"));
        mvc.perform(get("/ideas/" + number))
                .andExpect(content().string(containsString("In progress")))
                .andExpect(content().string(not(containsString("Beta testing " + marker))));
    }

    @Test
    void anOwnStatusMarkedSoNeedsAnExplanation() throws Exception {
        UUID waiting = addStatus("Waiting for supplier " + marker, "", "UNDER_REVIEW", true);
        long number = ideas.submit(author, board, "Needs words " + marker, "text");

        mvc.perform(post("/ideas/" + number + "/status")
                        .session(staff)
                        .with(csrf())
                        .param("status", waiting.toString())
                        .param("explanation", " "))
                .andExpect(flash().attribute("flashError", "ideas.status.explanation-required"));
        mvc.perform(post("/ideas/" + number + "/status")
                        .session(staff)
                        .with(csrf())
                        .param("status", UUID.randomUUID().toString()))
                .andExpect(flash().attribute("flashError", "ideas.status.invalid"));
        assertThat(jdbc.sql("select status from ideas_idea where number = ?")
                        .param(number)
                        .query(String.class)
                        .single())
                .isEqualTo("NEW");
        // Without a German name, German readers see the English one.
        mvc.perform(post("/ideas/" + number + "/status")
                .session(staff)
                .with(csrf())
                .param("status", waiting.toString())
                .param("explanation", "Asked them"));
        mvc.perform(get("/ideas/" + number).header("Accept-Language", "de"))
                .andExpect(content().string(containsString("Waiting for supplier " + marker)));
    }

    @Test
    void onlyAdminsManageStatusesAndBadInputIsRefusedWithAMessage() throws Exception {
        mvc.perform(get(PAGE).session(staff)).andExpect(status().isForbidden());
        mvc.perform(post(PAGE)
                        .session(staff)
                        .with(csrf())
                        .param("nameEn", "Sneaky")
                        .param("stage", "NEW"))
                .andExpect(status().isForbidden());
        mvc.perform(post(PAGE + "/rename")
                        .session(staff)
                        .with(csrf())
                        .param("stage", "NEW")
                        .param("nameEn", "Sneaky"))
                .andExpect(status().isForbidden());
        mvc.perform(get(PAGE)).andExpect(redirectedUrl("/login"));

        mvc.perform(get(PAGE).session(admin)).andExpect(status().isOk());
        expectFieldError("", "", "IN_PROGRESS", "nameEn");
        expectFieldError("x".repeat(10_000), "", "IN_PROGRESS", "nameEn");
        expectFieldError("Valid " + marker, "x".repeat(61), "IN_PROGRESS", "nameDe");
        expectFieldError("Valid " + marker, "", "BOGUS", "stage");
        expectFieldError("Valid " + marker, "", "", "stage");
        addStatus("Taken " + marker, "", "PLANNED", false);
        expectFieldError("TAKEN " + marker, "", "PLANNED", "nameEn");

        String hostile = "<script>alert(1)</script><svg onload=alert(2)> " + marker;
        addStatus(hostile, "", "PLANNED", false);
        String page =
                mvc.perform(get(PAGE).session(admin)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<svg onload");

        mvc.perform(post(PAGE + "/rename")
                        .session(admin)
                        .with(csrf())
                        .param("stage", "NEW")
                        .param("nameEn", "x".repeat(10_000)))
                .andExpect(flash().attribute("flashError", "ideas.statuses.too-long"));
        mvc.perform(post(PAGE + "/rename").session(admin).with(csrf()).param("stage", "BOGUS"))
                .andExpect(flash().attribute("flashError", "ideas.status.invalid"));
        mvc.perform(post(PAGE + "/not-a-uuid/delete").session(admin).with(csrf()))
                .andExpect(flash().attribute("flashError", "ideas.status.invalid"));
    }

    private void expectFieldError(String english, String german, String stage, String field) throws Exception {
        String html = mvc.perform(post(PAGE)
                        .session(admin)
                        .with(csrf())
                        .param("nameEn", english)
                        .param("nameDe", german)
                        .param("stage", stage))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(Jsoup.parse(html).select(".invalid").html()).contains(field);
    }

    private UUID addStatus(String english, String german, String stage, boolean needsExplanation) throws Exception {
        mvc.perform(post(PAGE)
                        .session(admin)
                        .with(csrf())
                        .param("nameEn", english)
                        .param("nameDe", german)
                        .param("stage", stage)
                        .param("needsExplanation", String.valueOf(needsExplanation)))
                .andExpect(redirectedUrl(PAGE));
        return jdbc.sql("select id from ideas_status_label where name_en = ?")
                .param(english)
                .query(UUID.class)
                .single();
    }
}
