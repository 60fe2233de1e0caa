package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.identity.Role;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@IntegrationTest
class DiscussionTests extends IdeasIntegrationTest {

    IdeaFixtures fixtures;
    UUID board;
    IdeaFixtures.Person author;
    IdeaFixtures.Person other;
    IdeaFixtures.Person staff;
    long number;

    @BeforeEach
    void idea() throws Exception {
        fixtures = new IdeaFixtures(mvc, identity, jdbc);
        board = ideas.createCategory(fixtures.marker("talk-"), "Talk", "", false);
        author = fixtures.person("author", Role.CUSTOMER);
        other = fixtures.person("other", Role.CUSTOMER);
        staff = fixtures.person("staff", Role.STAFF);
        number = ideas.submit(author.id(), board, "Quieter tent zippers", "They wake everybody up.");
    }

    @Test
    void aReplyToAReplyJoinsTheThreadOfItsTopCommentAndStaffAnswersStayHighlighted() throws Exception {
        UUID top = ideas.comment(number, other.id(), "Top comment", false);
        mvc.perform(post("/ideas/" + number + "/comments/" + top + "/replies")
                        .session(staff.session())
                        .with(csrf())
                        .param("body", "Team reply"))
                .andExpect(flash().attribute("flash", "ideas.comment.replied"));
        UUID reply = commentId("Team reply");
        mvc.perform(post("/ideas/" + number + "/comments/" + reply + "/replies")
                        .session(other.session())
                        .with(csrf())
                        .param("body", "Reply to the reply"))
                .andExpect(status().is3xxRedirection());

        assertThat(parentOf("Team reply")).isEqualTo(top);
        assertThat(parentOf("Reply to the reply")).isEqualTo(top);
        var page = Jsoup.parse(
                mvc.perform(get("/ideas/" + number)).andReturn().getResponse().getContentAsString());
        var replies = page.select("#comment-" + top + " > ol.replies > li");
        assertThat(replies).hasSize(2);
        assertThat(replies.get(0).hasClass("staff-answer")).isTrue();
        assertThat(replies.get(0).text()).contains("Team reply", "Team answer");
        assertThat(replies.get(1).text()).contains("Reply to the reply");
        assertThat(page.select("ol.comments > li > ol.replies ol")).isEmpty();
    }

    @Test
    void onlyTheAuthorEditsAndOnlyWithinTheWindow() throws Exception {
        UUID comment = ideas.comment(number, author.id(), "First text", false);
        String edit = "/ideas/" + number + "/comments/" + comment + "/edit";

        mvc.perform(get(edit).session(author.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("First text")));
        mvc.perform(post(edit).session(author.session()).with(csrf()).param("body", "Better text"))
                .andExpect(flash().attribute("flash", "ideas.comment.edited"));
        mvc.perform(get("/ideas/" + number))
                .andExpect(content().string(containsString("Better text")))
                .andExpect(content().string(containsString("(edited)")));

        mvc.perform(post(edit).session(other.session()).with(csrf()).param("body", "Hijacked"))
                .andExpect(flash().attribute("flashError", "ideas.comment.refused.NOT_AUTHOR"));
        mvc.perform(post(edit).session(staff.session()).with(csrf()).param("body", "Hijacked"))
                .andExpect(flash().attribute("flashError", "ideas.comment.refused.NOT_AUTHOR"));
        mvc.perform(get(edit).session(other.session()))
                .andExpect(flash().attribute("flashError", "ideas.comment.refused.NOT_AUTHOR"));
        assertThat(body(comment)).isEqualTo("Better text");

        jdbc.sql("update ideas_comment set created_at = now() - interval '16 minutes' where id = ?")
                .param(comment)
                .update();
        mvc.perform(post(edit).session(author.session()).with(csrf()).param("body", "Too late"))
                .andExpect(flash().attribute("flashError", "ideas.comment.refused.WINDOW_OVER"));
        mvc.perform(get(edit).session(author.session()))
                .andExpect(flash().attribute("flashError", "ideas.comment.refused.WINDOW_OVER"));
        assertThat(body(comment)).isEqualTo("Better text");
        mvc.perform(get("/ideas/" + number).session(author.session()))
                .andExpect(content().string(containsString("Better text")))
                .andExpect(content().string(not(containsString(edit))));
        mvc.perform(get("/ideas/" + number + "/comments/" + UUID.randomUUID() + "/edit")
                        .session(author.session()))
                .andExpect(status().isNotFound());
    }

    @Test
    void emptyTooLongAndHostileRepliesAndEditsAreHandled() throws Exception {
        UUID comment = ideas.comment(number, author.id(), "Original", false);
        String replies = "/ideas/" + number + "/comments/" + comment + "/replies";
        mvc.perform(post(replies).session(other.session()).with(csrf()).param("body", "  "))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Please fill in this field.")));
        mvc.perform(post(replies)
                        .session(other.session())
                        .with(csrf())
                        .header("Accept-Language", "de")
                        .param("body", "x".repeat(10_000)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("höchstens 5000 Zeichen")));
        mvc.perform(post("/ideas/" + number + "/comments/" + comment + "/edit")
                        .session(author.session())
                        .with(csrf())
                        .param("body", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Please fill in this field.")));
        mvc.perform(post(replies)
                        .session(other.session())
                        .with(csrf())
                        .param(
                                "body",
                                "<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))"
                                        + " <svg><a xlink:href=\"javascript:alert(2)\">y</a></svg>"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(replies).session(other.session()).with(csrf()).param("body", "ok"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from ideas_comment where parent_id = ?")
                        .param(comment)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);

        var main = Jsoup.parse(mvc.perform(get("/ideas/" + number))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .selectFirst("main");
        assertThat(main).isNotNull();
        assertThat(main.select(".comments script, .comments img, .comments svg"))
                .isEmpty();
        assertThat(main.select(".comments *").stream()
                        .flatMap(element -> element.attributes().asList().stream())
                        .map(attribute -> attribute.getKey() + "=" + attribute.getValue()))
                .noneMatch(attribute -> attribute.startsWith("on") || attribute.contains("javascript:"));
        mvc.perform(post("/ideas/" + number + "/comments/not-a-uuid/replies")
                        .session(other.session())
                        .with(csrf())
                        .param("body", "x"))
                .andExpect(status().is4xxClientError());
    }

    @Test
    void flagsCountOncePerAccountAndStaffHideOrKeepFlaggedComments() throws Exception {
        String secret = fixtures.marker("rude");
        UUID rude = ideas.comment(number, author.id(), "You are all fools " + secret, false);
        String flag = "/ideas/" + number + "/comments/" + rude + "/flag";
        mvc.perform(post(flag).session(other.session()).with(csrf()))
                .andExpect(flash().attribute("flash", "ideas.flag.done"));
        mvc.perform(post(flag).session(other.session()).with(csrf()))
                .andExpect(flash().attribute("flashError", "ideas.flag.refused.ALREADY_FLAGGED"));
        mvc.perform(post(flag).session(author.session()).with(csrf()))
                .andExpect(flash().attribute("flashError", "ideas.flag.refused.OWN_COMMENT"));
        mvc.perform(post(flag).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from ideas_comment_flag where comment_id = ?")
                        .param(rude)
                        .query(Integer.class)
                        .single())
                .isOne();

        mvc.perform(get("/workspace/ideas/moderation").session(other.session())).andExpect(status().isForbidden());
        mvc.perform(post("/workspace/ideas/moderation/comments/" + rude + "/hide")
                        .session(other.session())
                        .with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/workspace/ideas/moderation").session(staff.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("You are all fools " + secret)))
                .andExpect(content().string(containsString("reported once")));

        mvc.perform(post("/workspace/ideas/moderation/comments/" + rude + "/hide")
                        .session(staff.session())
                        .with(csrf()))
                .andExpect(flash().attribute("flash", "ideas.moderation.comment-hidden"));
        mvc.perform(get("/ideas/" + number).header("Accept-Language", "de"))
                .andExpect(content().string(not(containsString(secret))))
                .andExpect(content().string(containsString("Das Team hat diesen Kommentar ausgeblendet")));
        mvc.perform(get("/api/ideas/" + number)).andExpect(content().string(not(containsString(secret))));
        mvc.perform(get("/ideas/" + number + "/feed.atom")).andExpect(content().string(not(containsString(secret))));
        mvc.perform(get("/workspace/ideas/moderation").session(staff.session()))
                .andExpect(content().string(not(containsString(secret))));

        UUID harmless = ideas.comment(number, author.id(), "Fair criticism " + secret, false);
        ideas.flag(number, harmless, other.id());
        mvc.perform(post("/workspace/ideas/moderation/comments/" + harmless + "/keep")
                        .session(staff.session())
                        .with(csrf()))
                .andExpect(flash().attribute("flash", "ideas.moderation.comment-kept"));
        ideas.flag(number, harmless, staff.id());
        mvc.perform(get("/ideas/" + number)).andExpect(content().string(containsString("Fair criticism " + secret)));
        mvc.perform(get("/workspace/ideas/moderation").session(staff.session()))
                .andExpect(content().string(not(containsString("Fair criticism " + secret))));
    }

    @Test
    void staffPromoteACommentToAnExtensionAndWithdrawIt() throws Exception {
        UUID comment = ideas.comment(number, other.id(), "Add a silent puller", false);
        String extend = "/workspace/ideas/comments/" + comment + "/extension";
        mvc.perform(post(extend).session(other.session()).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post(extend).session(staff.session()).with(csrf()))
                .andExpect(flash().attribute("flash", "ideas.extension.added"));

        var page = Jsoup.parse(
                mvc.perform(get("/ideas/" + number)).andReturn().getResponse().getContentAsString());
        var extension = page.selectFirst("#extensions");
        assertThat(extension).isNotNull();
        assertThat(extension.text()).contains("Add a silent puller", "Suggested by other, added to the idea by staff");
        assertThat(page.html().indexOf("id=\"extensions\""))
                .isLessThan(page.html().indexOf("id=\"comments\""));

        mvc.perform(post(extend + "/withdraw").session(other.session()).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post(extend + "/withdraw").session(staff.session()).with(csrf()))
                .andExpect(flash().attribute("flash", "ideas.extension.withdrawn"));
        mvc.perform(get("/ideas/" + number))
                .andExpect(content().string(not(containsString("id=\"extensions\""))))
                .andExpect(content().string(containsString("Add a silent puller")));
        mvc.perform(post("/workspace/ideas/comments/" + UUID.randomUUID() + "/extension")
                        .session(staff.session())
                        .with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void searchFindsIdeasByAGermanWordInAVisibleComment() throws Exception {
        String marker = fixtures.marker("zq");
        long parking = ideas.submit(author.id(), board, "Abstellplatz vor dem Laden", "Mehr Platz bitte.");
        UUID comment = ideas.comment(parking, other.id(), "Wir kommen mit unseren Fahrrädern " + marker, false);
        mvc.perform(get("/ideas").param("q", "Fahrrad " + marker))
                .andExpect(content().string(containsString("Abstellplatz vor dem Laden")));
        mvc.perform(get("/api/ideas").param("q", "Fahrrad " + marker))
                .andExpect(content().string(containsString("Abstellplatz vor dem Laden")));

        ideas.flag(parking, comment, author.id());
        mvc.perform(post("/workspace/ideas/moderation/comments/" + comment + "/hide")
                .session(staff.session())
                .with(csrf()));
        mvc.perform(get("/ideas").param("q", "Fahrrad " + marker))
                .andExpect(content().string(not(containsString("Abstellplatz vor dem Laden"))));
    }

    private UUID commentId(String body) {
        return jdbc.sql("select id from ideas_comment where body_markdown = ?")
                .param(body)
                .query(UUID.class)
                .single();
    }

    private UUID parentOf(String body) {
        return jdbc.sql("select parent_id from ideas_comment where body_markdown = ?")
                .param(body)
                .query(UUID.class)
                .single();
    }

    private String body(UUID comment) {
        return jdbc.sql("select body_markdown from ideas_comment where id = ?")
                .param(comment)
                .query(String.class)
                .single();
    }
}
