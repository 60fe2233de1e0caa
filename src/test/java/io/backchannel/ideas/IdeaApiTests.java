package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.identity.Role;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.ResultActions;

@IntegrationTest
@RecordApplicationEvents
class IdeaApiTests extends IdeasIntegrationTest {

    @Autowired
    ApplicationEvents events;

    UUID board;
    String slug;
    String customerEmail;
    String customerToken;
    String staffToken;

    @BeforeEach
    void setUp() throws Exception {
        slug = "api-" + marker();
        board = ideas.createCategory(slug, "API " + slug, "", true);
        customerEmail = TestAccounts.create(identity, "customer", Role.CUSTOMER);
        customerToken = token(customerEmail);
        staffToken = token(TestAccounts.create(identity, "staff", Role.STAFF));
    }

    @Test
    void customerTokenSubmitsVotesAndComments() throws Exception {
        String location = write(
                        "/api/ideas",
                        customerToken,
                        "{\"title\":\"Dark mode\",\"category\":\"" + slug + "\",\"description\":\"Please **dark**\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.title").value("Dark mode"))
                .andExpect(jsonPath("$.bodyHtml").value(containsString("<strong>dark</strong>")))
                .andExpect(jsonPath("$.score").value(1))
                .andReturn()
                .getResponse()
                .getHeader("Location");
        assertThat(location).startsWith("/api/ideas/");
        long number = Long.parseLong(location.substring("/api/ideas/".length()));
        assertThat(events.stream(IdeaSubmitted.class).filter(event -> event.number() == number))
                .hasSize(1);

        String voter = token(TestAccounts.create(identity, "voter", Role.CUSTOMER));
        write("/api/ideas/" + number + "/votes", voter, "{\"value\":1}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.score").value(2))
                .andExpect(jsonPath("$.myVote").value(1));
        write("/api/ideas/" + number + "/votes", voter, "{\"value\":0}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.score").value(1))
                .andExpect(jsonPath("$.myVote").value(0));
        // Promote-only board: a demote is refused with the page's message.
        write("/api/ideas/" + number + "/votes", voter, "{\"value\":-1}")
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.reason").value("UP_ONLY"));

        write("/api/ideas/" + number + "/comments", voter, "{\"body\":\"<script>alert(1)</script> Yes!\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.staff").value(false));
        write("/api/ideas/" + number + "/comments", staffToken, "{\"body\":\"We look into it.\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.staff").value(true));
        mvc.perform(get("/api/ideas/" + number))
                .andExpect(jsonPath("$.comments.length()").value(2))
                .andExpect(jsonPath("$.comments[0].bodyHtml").value(containsString("&lt;script&gt;")))
                .andExpect(jsonPath("$.comments[1].staff").value(true));
        assertThat(events.stream(IdeaCommented.class).filter(event -> event.number() == number))
                .hasSize(2);
    }

    @Test
    void onlyStaffTokensChangeTheStatusAndExplanationsAreRequiredWhereNeeded() throws Exception {
        long number = ideas.submit(id(customerEmail), board, "Offline mode", "text");
        write("/api/ideas/" + number + "/status", customerToken, "{\"status\":\"PLANNED\"}")
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        write("/api/ideas/" + number + "/status", staffToken, "{\"status\":\"NOT_PLANNED\",\"explanation\":\" \"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("explanation"));
        write(
                        "/api/ideas/" + number + "/status",
                        staffToken,
                        "{\"status\":\"PLANNED\",\"explanation\":\"Next quarter.\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PLANNED"))
                .andExpect(jsonPath("$.history[0].explanation").value("Next quarter."));
        write("/api/ideas/" + number + "/status", staffToken, "{\"status\":\"WONDERFUL\"}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    @Test
    void refusesMissingTokenUnknownIdeasAndBadInputWithProblemDetails() throws Exception {
        long number = ideas.submit(id(customerEmail), board, "Refusals", "text");
        for (String path : new String[] {
            "/api/ideas",
            "/api/ideas/" + number + "/votes",
            "/api/ideas/" + number + "/comments",
            "/api/ideas/" + number + "/status"
        }) {
            mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content("{}"))
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        }
        write("/api/ideas/999999999/votes", customerToken, "{\"value\":1}").andExpect(status().isNotFound());
        write("/api/ideas/999999999/comments", customerToken, "{\"body\":\"hello\"}")
                .andExpect(status().isNotFound());
        write("/api/ideas/999999999/status", staffToken, "{\"status\":\"PLANNED\"}")
                .andExpect(status().isNotFound());

        write("/api/ideas", customerToken, "{\"title\":\"\",\"category\":\"no-such-board\",\"description\":\"x\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("title")))
                .andExpect(jsonPath("$.errors[0].message").value("Please fill in this field."));
        write("/api/ideas", customerToken, "{\"title\":\"Ghost\",\"category\":\"no-such-board\",\"description\":\"x\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("category"));
        write(
                        "/api/ideas",
                        customerToken,
                        "{\"title\":\"Long\",\"category\":\"" + slug + "\",\"description\":\"" + "x".repeat(10_001)
                                + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("description"))
                .andExpect(jsonPath("$.errors[0].message").value("Too long: at most 10000 characters."));
        mvc.perform(post("/api/ideas/" + number + "/votes")
                        .header("Authorization", "Bearer " + customerToken)
                        .header("Accept-Language", "de")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"value\":7}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Ungültige Eingabe"))
                .andExpect(jsonPath("$.errors[0].field").value("value"));
        write("/api/ideas/" + number + "/votes", customerToken, "{\"value\":").andExpect(status().isBadRequest());
        write("/api/ideas/" + number + "/comments", customerToken, "{\"body\":\"   \"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        write("/api/ideas/" + number + "/comments", customerToken, "[1,2]").andExpect(status().isBadRequest());
        assertThat(jdbc.sql(
                                "select count(*) from ideas_comment c join ideas_idea i on i.id = c.idea_id where i.number = ?")
                        .param(number)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void openApiDocumentDescribesTheWrites() throws Exception {
        mvc.perform(get("/api/openapi.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/ideas'].post").exists())
                .andExpect(jsonPath("$.paths['/api/ideas/{number}/votes'].post").exists())
                .andExpect(
                        jsonPath("$.paths['/api/ideas/{number}/comments'].post").exists())
                .andExpect(jsonPath("$.paths['/api/ideas/{number}/status'].post.responses['403']")
                        .exists());
    }

    private ResultActions write(String path, String token, String json) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    private String token(String owner) throws Exception {
        var admin = logIn("admin", Role.ADMIN, Role.STAFF);
        var result = mvc.perform(post("/admin/tokens")
                        .session(admin)
                        .with(csrf())
                        .param("owner", owner)
                        .param("name", "api")
                        .param("validDays", "1"))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        return (String) result.getFlashMap().get("createdToken");
    }
}
