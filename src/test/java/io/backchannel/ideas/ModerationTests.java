package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.identity.Role;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@IntegrationTest
@RecordApplicationEvents
class ModerationTests extends IdeasIntegrationTest {

    @Autowired
    ApplicationEvents events;

    IdeaFixtures fixtures;
    UUID board;
    String slug;
    IdeaFixtures.Person author;
    IdeaFixtures.Person customer;
    IdeaFixtures.Person staff;

    @BeforeEach
    void preModeratedBoard() throws Exception {
        fixtures = new IdeaFixtures(mvc, identity, jdbc);
        slug = fixtures.marker("moderated-");
        board = ideas.createCategory(slug, "Moderated " + slug, "", false);
        ideas.preModerate(board, true);
        author = fixtures.person("author", Role.CUSTOMER);
        customer = fixtures.person("customer", Role.CUSTOMER);
        staff = fixtures.person("staff", Role.STAFF);
    }

    @Test
    void adminsTurnPreModerationOnPerBoardAndOthersCannot() throws Exception {
        UUID open = ideas.createCategory(fixtures.marker("open-"), "Open", "", false);
        String toggle = "/admin/ideas/boards/" + open + "/pre-moderation";
        mvc.perform(post(toggle).session(staff.session()).with(csrf()).param("preModerated", "true"))
                .andExpect(status().isForbidden());
        var admin = fixtures.person("admin", Role.ADMIN, Role.STAFF);
        mvc.perform(post(toggle).session(admin.session()).with(csrf()).param("preModerated", "true"))
                .andExpect(flash().attribute("flash", "ideas.moderation.board-changed"));
        assertThat(preModerated(open)).isTrue();
        mvc.perform(get("/admin/ideas/boards").session(admin.session()))
                .andExpect(content().string(containsString("Turn off pre-moderation for Open")));
        mvc.perform(post(toggle).session(admin.session()).with(csrf()).param("preModerated", "maybe"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/admin/ideas/boards/" + UUID.randomUUID() + "/pre-moderation")
                        .session(admin.session())
                        .with(csrf())
                        .param("preModerated", "true"))
                .andExpect(status().isNotFound());

        String created = fixtures.marker("created-");
        mvc.perform(post("/admin/ideas/boards")
                        .session(admin.session())
                        .with(csrf())
                        .param("name", "Created")
                        .param("slug", created)
                        .param("preModerated", "true"))
                .andExpect(flash().attribute("flash", "ideas.boards.created"));
        assertThat(jdbc.sql("select pre_moderated from ideas_category where slug = ?")
                        .param(created)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void pendingIdeasStayHiddenFromEveryoneButTheirAuthorUntilStaffApprove() throws Exception {
        String marker = fixtures.marker("pending");
        String location = mvc.perform(newIdea(author.session(), board, "Waiting idea " + marker, "Body " + marker))
                .andExpect(redirectedUrlPattern("/ideas/*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long number = Long.parseLong(location.substring("/ideas/".length()));
        assertThat(submittedEvents(number)).isZero();

        mvc.perform(get(location).session(author.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("waiting for moderation")));
        mvc.perform(get("/ideas").session(author.session()).param("mine", "true"))
                .andExpect(content().string(containsString("Waiting idea " + marker)));
        mvc.perform(get(location)).andExpect(status().isNotFound());
        mvc.perform(get(location).session(customer.session())).andExpect(status().isNotFound());
        mvc.perform(get("/ideas").param("q", marker))
                .andExpect(content().string(not(containsString("Waiting idea " + marker))));
        mvc.perform(get("/ideas").param("category", slug)).andExpect(content().string(not(containsString(marker))));
        mvc.perform(get("/api/ideas").param("q", marker))
                .andExpect(content().string(not(containsString("Waiting idea " + marker))));
        mvc.perform(get("/api/ideas/" + number)).andExpect(status().isNotFound());
        mvc.perform(get("/ideas/feed.atom")).andExpect(content().string(not(containsString(marker))));
        mvc.perform(get("/ideas/" + number + "/feed.atom")).andExpect(status().isNotFound());
        mvc.perform(get("/ideas/similar").param("title", "Waiting idea " + marker))
                .andExpect(content().string(not(containsString(marker))));
        mvc.perform(post(location + "/vote")
                        .session(customer.session())
                        .with(csrf())
                        .param("value", "1"))
                .andExpect(status().isNotFound());
        mvc.perform(post(location + "/comments")
                        .session(author.session())
                        .with(csrf())
                        .param("body", "hi"))
                .andExpect(status().isNotFound());

        mvc.perform(get("/workspace/ideas/moderation").session(customer.session()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/workspace/ideas/moderation/ideas/" + number + "/approve")
                        .session(customer.session())
                        .with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/workspace/ideas/moderation").session(staff.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Waiting idea " + marker)))
                .andExpect(content().string(containsString("Body " + marker)))
                .andExpect(content().string(containsString("Moderation (")));

        mvc.perform(post("/workspace/ideas/moderation/ideas/" + number + "/approve")
                        .session(staff.session())
                        .with(csrf()))
                .andExpect(flash().attribute("flash", "ideas.moderation.approved"));
        assertThat(submittedEvents(number)).isOne();
        mvc.perform(get(location)).andExpect(status().isOk());
        mvc.perform(get("/ideas").param("q", marker))
                .andExpect(content().string(containsString("Waiting idea " + marker)));
        mvc.perform(post("/workspace/ideas/moderation/ideas/" + number + "/approve")
                        .session(staff.session())
                        .with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(submittedEvents(number)).isOne();
    }

    @Test
    void declinedIdeasShowTheReasonToTheirAuthorWhoIsMailed() throws Exception {
        long number = ideas.submit(author.id(), board, "Declined idea", "text");
        String decline = "/workspace/ideas/moderation/ideas/" + number + "/decline";
        mvc.perform(post(decline).session(customer.session()).with(csrf()).param("reason", "No"))
                .andExpect(status().isForbidden());
        mvc.perform(post(decline).session(staff.session()).with(csrf()).param("reason", " "))
                .andExpect(flash().attribute("flashError", "ideas.moderation.reason-required"));
        mvc.perform(post(decline).session(staff.session()).with(csrf()).param("reason", "x".repeat(10_000)))
                .andExpect(flash().attribute("flashError", "ideas.moderation.reason-required"));
        mvc.perform(post(decline)
                        .session(staff.session())
                        .with(csrf())
                        .param("reason", "We sell no <script>alert(1)</script> fireworks."))
                .andExpect(flash().attribute("flash", "ideas.moderation.declined"));

        mvc.perform(get("/ideas/" + number).session(author.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The team has declined this idea.")))
                .andExpect(content().string(containsString("We sell no &lt;script&gt;alert(1)&lt;/script&gt;")));
        mvc.perform(get("/ideas/" + number)).andExpect(status().isNotFound());
        String mail = jdbc.sql("select subject || ' ' || body from system_mail where recipient = ?")
                .param(author.email())
                .query(String.class)
                .single();
        assertThat(mail)
                .contains("Declined idea", "We sell no <script>alert(1)</script> fireworks.", "/ideas/" + number);
        assertThat(submittedEvents(number)).isZero();
    }

    @Test
    void blockedAuthorsCannotSubmitVoteOrCommentUntilUnblocked() throws Exception {
        UUID open = ideas.createCategory(fixtures.marker("open-"), "Open", "", false);
        long waiting = ideas.submit(author.id(), board, "Spam idea", "text");
        long published = ideas.submit(customer.id(), open, "Published idea", "text");
        UUID comment = ideas.comment(published, customer.id(), "A comment", false);

        mvc.perform(post("/workspace/ideas/moderation/blocked")
                        .session(customer.session())
                        .with(csrf())
                        .param("account", author.id().toString()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/workspace/ideas/moderation/blocked")
                        .session(staff.session())
                        .with(csrf())
                        .param("account", author.id().toString()))
                .andExpect(flash().attribute("flash", "ideas.moderation.author-blocked"));
        assertThat(jdbc.sql("select moderation from ideas_idea where number = ?")
                        .param(waiting)
                        .query(String.class)
                        .single())
                .isEqualTo("DECLINED");

        mvc.perform(newIdea(author.session(), open, "Another", "text"))
                .andExpect(flash().attribute("flashError", "ideas.moderation.blocked"));
        mvc.perform(post("/ideas/" + published + "/vote")
                        .session(author.session())
                        .with(csrf())
                        .param("value", "1"))
                .andExpect(flash().attribute("flashError", "ideas.moderation.blocked"));
        mvc.perform(post("/ideas/" + published + "/comments")
                        .session(author.session())
                        .with(csrf())
                        .param("body", "spam"))
                .andExpect(flash().attribute("flashError", "ideas.moderation.blocked"));
        mvc.perform(post("/ideas/" + published + "/comments/" + comment + "/replies")
                        .session(author.session())
                        .with(csrf())
                        .param("body", "spam"))
                .andExpect(flash().attribute("flashError", "ideas.moderation.blocked"));
        mvc.perform(post("/ideas/" + published + "/comments/" + comment + "/flag")
                        .session(author.session())
                        .with(csrf()))
                .andExpect(flash().attribute("flashError", "ideas.moderation.blocked"));
        mvc.perform(get("/ideas/" + published).session(author.session()).header("Accept-Language", "de"))
                .andExpect(status().isOk());
        assertThat(jdbc.sql("select count(*) from ideas_comment where author_id = ?")
                        .param(author.id())
                        .query(Integer.class)
                        .single())
                .isZero();

        mvc.perform(get("/workspace/ideas/moderation").session(staff.session()))
                .andExpect(content().string(containsString("Unblock author")));
        mvc.perform(post("/workspace/ideas/moderation/blocked/" + author.id() + "/unblock")
                        .session(customer.session())
                        .with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/workspace/ideas/moderation/blocked/" + author.id() + "/unblock")
                        .session(staff.session())
                        .with(csrf()))
                .andExpect(flash().attribute("flash", "ideas.moderation.author-unblocked"));
        mvc.perform(post("/ideas/" + published + "/vote")
                        .session(author.session())
                        .with(csrf())
                        .param("value", "1"))
                .andExpect(flash().attributeCount(0));
        mvc.perform(post("/workspace/ideas/moderation/blocked")
                        .session(staff.session())
                        .with(csrf())
                        .param("account", UUID.randomUUID().toString()))
                .andExpect(status().isNotFound());
    }

    private long submittedEvents(long number) {
        return events.stream(IdeaSubmitted.class)
                .filter(event -> event.number() == number)
                .count();
    }

    private boolean preModerated(UUID board) {
        return jdbc.sql("select pre_moderated from ideas_category where id = ?")
                .param(board)
                .query(Boolean.class)
                .single();
    }
}
