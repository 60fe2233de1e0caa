package io.backchannel.blog;

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
import io.backchannel.identity.NaughtyStringsTests;
import io.backchannel.identity.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Comments under blog posts: who may post, replies one level deep, the category's moderation, the staff queue, the
 * spam heuristics, closed comments, and hostile input.
 */
@IntegrationTest
@RecordApplicationEvents
class BlogCommentsTests extends BlogCommentsIntegrationTest {

    @Autowired
    ApplicationEvents events;

    @Test
    void customerCommentsAndRepliesStayOneLevelDeep() throws Exception {
        Post post = publishedPost("news");
        MockHttpSession ann = logIn("ann", Role.CUSTOMER);
        MockHttpSession ben = logIn("ben", Role.CUSTOMER);
        mvc.perform(comment(post, ann, "First thoughts on **this** post, ann"))
                .andExpect(redirectedUrlPattern(post.comments() + "#comment-*"))
                .andExpect(flash().attribute("commentNotice", "blog.comments.published"));
        UUID top = Objects.requireNonNull(commentId(post, "First thoughts on **this** post, ann"));
        mvc.perform(comment(post, ben, "A reply from ben").param("parent", top.toString()))
                .andExpect(status().is3xxRedirection());
        UUID reply = Objects.requireNonNull(commentId(post, "A reply from ben"));
        mvc.perform(comment(post, ann, "A reply to the reply from ann").param("parent", reply.toString()))
                .andExpect(status().is3xxRedirection());

        assertThat(parent(reply)).isEqualTo(top);
        assertThat(parent(Objects.requireNonNull(commentId(post, "A reply to the reply from ann"))))
                .isEqualTo(top);
        Document page = page(post, null);
        assertThat(page.select("h1").text()).isEqualTo("Comments on " + post.title());
        assertThat(page.select("#comment-" + top + " .prose strong").text()).isEqualTo("this");
        assertThat(page.select("#comment-" + top + " ol.replies > li")).hasSize(2);
        assertThat(page.select("#blog-comments h2").first().text()).isEqualTo("Comments (3)");
        assertThat(page.select("a[href=/blog/en/" + post.slug() + "]")).hasSize(1);
        // A guest sees the form with name and address, and the honeypot is hidden from people and screen readers.
        assertThat(page.select("form[action=" + post.comments() + "] input[name=name]"))
                .isNotEmpty();
        assertThat(page.select("input[name=website]").first().attr("tabindex")).isEqualTo("-1");
        assertThat(page.select("input[name=website]").first().parent().attr("aria-hidden"))
                .isEqualTo("true");
        assertThat(events.stream(CommentPosted.class).filter(e -> e.postId().equals(post.id())))
                .hasSize(3);
    }

    @Test
    void guestsCommentWithNameAndAddressWhichStaysPrivate() throws Exception {
        Post post = publishedPost("product");
        String guestMail = "guest-" + UUID.randomUUID() + "@example.org";
        var refused = mvc.perform(guestComment(post, "", "not-an-address", "A guest comment without a name"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var form = Jsoup.parse(refused)
                .select("form[action=" + post.comments() + "]")
                .last();
        assertThat(form.select("#c-name-error-new").text()).isEqualTo("Please fill in this field.");
        assertThat(form.select("#c-name-new").attr("aria-describedby")).isEqualTo("c-name-error-new");
        assertThat(form.select("#c-email-error-new").text()).isEqualTo("Please enter a valid e-mail address.");
        assertThat(form.select("textarea[name=body]").text()).isEqualTo("A guest comment without a name");
        assertThat(commentId(post, "A guest comment without a name")).isNull();

        mvc.perform(guestComment(post, "Greta Guest", guestMail, "A guest comment with a name"))
                .andExpect(status().is3xxRedirection());
        Document page = page(post, null);
        var comment = page.select("#comment-" + commentId(post, "A guest comment with a name"));
        assertThat(comment.select(".meta").text()).contains("Greta Guest", "Guest");
        assertThat(page.html()).doesNotContain(guestMail);
    }

    @Test
    void preModeratedCommentsWaitForApprovalInTheQueue() throws Exception {
        Post post = publishedPost("investor-relations");
        MockHttpSession customer = logIn("investor", Role.CUSTOMER);
        MockHttpSession staff = logIn("moderator", Role.STAFF);
        mvc.perform(comment(post, customer, "What about dividends, investor one?"))
                .andExpect(flash().attribute("commentNotice", "blog.comments.waiting"));
        mvc.perform(comment(post, customer, "And buybacks, investor one?")).andExpect(status().is3xxRedirection());
        UUID first = Objects.requireNonNull(commentId(post, "What about dividends, investor one?"));
        UUID second = Objects.requireNonNull(commentId(post, "And buybacks, investor one?"));
        assertThat(state(first)).isEqualTo("PENDING");
        assertThat(page(post, null).select("#comment-" + first)).isEmpty();
        assertThat(events.stream(CommentPosted.class))
                .noneMatch(e -> e.commentId().equals(first));

        var queue = Jsoup.parse(mvc.perform(get("/workspace/blog/comments").session(staff))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(queue.select("#review-" + first).text()).contains("dividends", post.title());
        assertThat(queue.select("nav a[href=/workspace/blog/comments]").text()).matches("Blog comments \\(\\d+\\)");

        mvc.perform(post("/workspace/blog/comments/" + first + "/approve")
                        .session(staff)
                        .with(csrf()))
                .andExpect(flash().attribute("flash", "blog.comments.queue.approved"));
        mvc.perform(post("/workspace/blog/comments/" + second + "/reject")
                        .session(staff)
                        .with(csrf()))
                .andExpect(flash().attribute("flash", "blog.comments.queue.rejected"));
        assertThat(state(first)).isEqualTo("PUBLISHED");
        assertThat(state(second)).isEqualTo("REJECTED");
        Document page = page(post, null);
        assertThat(page.select("#comment-" + first)).hasSize(1);
        assertThat(page.select("#comment-" + second)).isEmpty();
        assertThat(events.stream(CommentPosted.class).filter(e -> e.commentId().equals(first)))
                .singleElement()
                .satisfies(e -> assertThat(e.postId()).isEqualTo(post.id()));
        assertThat(events.stream(CommentPosted.class))
                .noneMatch(e -> e.commentId().equals(second));
        mvc.perform(post("/workspace/blog/comments/" + second + "/approve")
                        .session(staff)
                        .with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void staffAnswersAreMarkedAndPublicAtOnceAndStaffCanRemoveComments() throws Exception {
        Post post = publishedPost("investor-relations");
        Post open = publishedPost("news");
        MockHttpSession staff = logIn("answerer", Role.STAFF);
        MockHttpSession customer = logIn("reader", Role.CUSTOMER);
        mvc.perform(comment(post, staff, "The official answer from staff")).andExpect(status().is3xxRedirection());
        UUID answer = Objects.requireNonNull(commentId(post, "The official answer from staff"));
        assertThat(state(answer)).isEqualTo("PUBLISHED");
        var meta = page(post, null).select("#comment-" + answer + " .meta");
        assertThat(meta.select(".tag").text()).isEqualTo("Staff");

        mvc.perform(comment(open, customer, "Posted at once, removed later")).andExpect(status().is3xxRedirection());
        UUID removable = Objects.requireNonNull(commentId(open, "Posted at once, removed later"));
        assertThat(page(open, customer).select("form[action$=/remove]")).isEmpty();
        assertThat(page(open, staff).select("form[action=/workspace/blog/comments/" + removable + "/remove]"))
                .hasSize(1);
        mvc.perform(post("/workspace/blog/comments/" + removable + "/remove")
                        .session(staff)
                        .with(csrf()))
                .andExpect(redirectedUrlPattern(open.comments() + "*"));
        assertThat(state(removable)).isEqualTo("REJECTED");
        assertThat(page(open, null).select("#comment-" + removable)).isEmpty();
    }

    @Test
    void spamHeuristicsHoldCommentsBackForReview() throws Exception {
        Post post = publishedPost("news");
        MockHttpSession staff = logIn("spam-staff", Role.STAFF);
        String marker = UUID.randomUUID().toString();
        String formStamp = page(post, null).select("input[name=stamp]").first().val();
        List<String> spam = new ArrayList<>();

        mvc.perform(guestComment(post, "Bot", "bot@example.org", "honeypot " + marker)
                        .param("website", "http://x"))
                .andExpect(flash().attribute("commentNotice", "blog.comments.waiting"));
        spam.add("honeypot " + marker);
        mvc.perform(guestComment(post, "Bot", "bot@example.org", "too fast " + marker)
                        .param("stamp", formStamp))
                .andExpect(flash().attribute("commentNotice", "blog.comments.waiting"));
        spam.add("too fast " + marker);
        mvc.perform(guestComment(post, "Bot", "bot@example.org", "forged stamp " + marker)
                        .param("stamp", "1." + stamp(Duration.ofMinutes(1)).split("\\.")[1]))
                .andExpect(status().is3xxRedirection());
        spam.add("forged stamp " + marker);
        String links = "links " + marker + " https://a.example https://b.example www.c.example https://d.example";
        mvc.perform(guestComment(post, "Bot", "bot@example.org", links)).andExpect(status().is3xxRedirection());
        spam.add(links);
        mvc.perform(guestComment(post, "Bot", "bot@example.org", "Visit our CASINO " + marker))
                .andExpect(status().is3xxRedirection());
        spam.add("Visit our CASINO " + marker);
        String repeated = "repeated " + marker;
        mvc.perform(guestComment(post, "Rita", "rita@example.org", repeated)).andExpect(status().is3xxRedirection());
        mvc.perform(guestComment(post, "Rita", "rita@example.org", repeated)).andExpect(status().is3xxRedirection());

        List<String> reasons = new ArrayList<>();
        for (String body : spam) {
            UUID id = Objects.requireNonNull(commentId(post, body));
            assertThat(state(id)).as(body).isEqualTo("SPAM");
            reasons.add(reason(id));
        }
        assertThat(reasons).containsExactly("HONEYPOT", "TOO_FAST", "TOO_FAST", "LINKS", "WORDS");
        assertThat(jdbc.sql("select state, spam_reason from blog_comment where post_id = ? and body_markdown = ?"
                                + " order by created_at")
                        .params(post.id(), repeated)
                        .query((rs, n) -> rs.getString(1) + "/" + rs.getString(2))
                        .list())
                .containsExactly("PUBLISHED/", "SPAM/REPEATED");
        assertThat(page(post, null).select("#blog-comments").text()).doesNotContain("CASINO", "honeypot");
        // Only keyed hashes of the sender's address are kept.
        assertThat(jdbc.sql("select address_hash from blog_comment where post_id = ?")
                        .param(post.id())
                        .query(String.class)
                        .list())
                .allSatisfy(hash -> assertThat(hash).matches("[0-9a-f]{64}"));

        var queue = Jsoup.parse(mvc.perform(get("/workspace/blog/comments").session(staff))
                .andReturn()
                .getResponse()
                .getContentAsString());
        UUID casino = Objects.requireNonNull(commentId(post, "Visit our CASINO " + marker));
        assertThat(queue.select("#review-" + casino).text())
                .contains("Spam: contains a blocked word", "bot@example.org");
        mvc.perform(post("/workspace/blog/comments/" + casino + "/not-spam")
                        .session(staff)
                        .with(csrf()))
                .andExpect(flash().attribute("flash", "blog.comments.queue.not-spam"));
        assertThat(state(casino)).isEqualTo("PUBLISHED");
        assertThat(events.stream(CommentPosted.class))
                .anyMatch(e -> e.commentId().equals(casino));

        Post pre = publishedPost("investor-relations");
        mvc.perform(guestComment(pre, "Pat", "pat@example.org", "pending then spam " + marker))
                .andExpect(status().is3xxRedirection());
        UUID pending = Objects.requireNonNull(commentId(pre, "pending then spam " + marker));
        mvc.perform(post("/workspace/blog/comments/" + pending + "/spam")
                        .session(staff)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(state(pending)).isEqualTo("SPAM");
        mvc.perform(post("/workspace/blog/comments/" + pending + "/not-spam")
                        .session(staff)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(state(pending)).isEqualTo("PENDING");
    }

    @Test
    void closedCommentsShowTheNoteAndRefuseNewOnes() throws Exception {
        Post post = publishedPost("news");
        MockHttpSession staff = logIn("closer", Role.STAFF);
        MockHttpSession customer = logIn("late", Role.CUSTOMER);
        assertThat(page(post, staff)
                        .select("form[action$=/comments/closed] button")
                        .text())
                .isEqualTo("Close comments");
        mvc.perform(post("/workspace/blog/posts/" + post.id() + "/comments/closed")
                        .session(staff)
                        .with(csrf())
                        .param("closed", "true")
                        .param("note", "Closed after the <b>launch</b>."))
                .andExpect(flash().attribute("flash", "blog.comments.close.done"));

        Document page = page(post, customer);
        assertThat(page.select("#blog-comments .flash.warn").text())
                .contains("Comments on this post are closed.", "Closed after the <b>launch</b>.");
        assertThat(page.select("textarea[name=body]")).isEmpty();
        mvc.perform(comment(post, customer, "Too late to comment"))
                .andExpect(status().isConflict())
                .andExpect(content()
                        .string(containsString("Comments on this post are closed; your comment was not saved.")));
        mvc.perform(comment(post, customer, "Too late with htmx").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("your comment was not saved")));
        assertThat(commentId(post, "Too late to comment")).isNull();

        mvc.perform(post("/workspace/blog/posts/" + post.id() + "/comments/closed")
                        .session(staff)
                        .with(csrf())
                        .param("closed", "false"))
                .andExpect(flash().attribute("flash", "blog.comments.close.reopened"));
        mvc.perform(comment(post, customer, "Open again, so here I am")).andExpect(status().is3xxRedirection());
        assertThat(page(post, null).select("#blog-comments .flash.warn")).isEmpty();
    }

    @Test
    void customersCannotModerateOrClose() throws Exception {
        Post post = publishedPost("investor-relations");
        MockHttpSession customer = logIn("nosy", Role.CUSTOMER);
        mvc.perform(comment(post, customer, "Pending comment of a nosy customer"))
                .andExpect(status().is3xxRedirection());
        UUID id = Objects.requireNonNull(commentId(post, "Pending comment of a nosy customer"));
        mvc.perform(get("/workspace/blog/comments").session(customer)).andExpect(status().isForbidden());
        for (String action : List.of("approve", "reject", "spam", "not-spam", "remove")) {
            mvc.perform(post("/workspace/blog/comments/" + id + "/" + action)
                            .session(customer)
                            .with(csrf()))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post("/workspace/blog/posts/" + post.id() + "/comments/closed")
                        .session(customer)
                        .with(csrf())
                        .param("closed", "true"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/workspace/blog/comments")).andExpect(status().is3xxRedirection());
        assertThat(state(id)).isEqualTo("PENDING");
        assertThat(page(post, customer).select("form[action*=/workspace/]")).isEmpty();
    }

    @Test
    void hostileMarkupIsRenderedHarmlessly() throws Exception {
        Post post = publishedPost("news");
        MockHttpSession customer = logIn("hostile", Role.CUSTOMER);
        List<String> vectors = List.of(
                "<script>alert('x')</script> script " + UUID.randomUUID(),
                "<img src=x onerror=alert(1)> img " + UUID.randomUUID(),
                "[click](javascript:alert(1)) link " + UUID.randomUUID(),
                "<svg onload=alert(1)><use href=\"data:image/svg+xml,<svg/>\"/></svg> svg " + UUID.randomUUID(),
                "<a href=\"javascript:alert(1)\">raw</a> raw " + UUID.randomUUID());
        for (String vector : vectors) {
            mvc.perform(comment(post, customer, vector)).andExpect(status().is3xxRedirection());
        }
        mvc.perform(guestComment(post, "<script>alert(1)</script>", "x@example.org", "Guest with a hostile name"))
                .andExpect(status().is3xxRedirection());
        var section = page(post, null).select("#blog-comments").first();
        assertThat(section.select("script, img, svg, iframe, object, embed, use"))
                .isEmpty();
        assertThat(section.select("[onerror], [onload]")).isEmpty();
        assertThat(section.select("a[href^=javascript]")).isEmpty();
        assertThat(section.text()).contains("<script>alert(1)</script>");
        assertThat(section.select(".prose")).hasSize(vectors.size() + 1);
    }

    @Test
    void tooLongAndMalformedInputGetsClearMessages() throws Exception {
        Post post = publishedPost("news");
        MockHttpSession customer = logIn("long", Role.CUSTOMER);
        var refused = Jsoup.parse(mvc.perform(comment(post, customer, "x".repeat(10_000)))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(refused.select("#c-body-error-new").text()).isEqualTo("Too long: at most 5,000 characters.");
        assertThat(refused.select("#c-body-new").attr("aria-describedby")).contains("c-body-error-new");
        mvc.perform(comment(post, customer, "   ")).andExpect(status().isUnprocessableContent());
        mvc.perform(guestComment(post, "n".repeat(101), "a@example.org", "Long name " + UUID.randomUUID()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Too long: at most 100 characters.")));
        mvc.perform(comment(post, customer, "Parent is no id").param("parent", "not-a-uuid"))
                .andExpect(status().isBadRequest());
        mvc.perform(comment(post, customer, "Parent is unknown")
                        .param("parent", UUID.randomUUID().toString()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/blog/en/no-such-post/comments")).andExpect(status().isNotFound());
        mvc.perform(comment(new Post(UUID.randomUUID(), "en", "missing", "Missing"), customer, "To nowhere"))
                .andExpect(status().isNotFound());
        mvc.perform(post(post.comments()).param("body", "Without CSRF")).andExpect(status().isForbidden());
    }

    @Test
    void naughtyStringsAreCommentsOrRefusalsNeverErrors() throws Exception {
        Post post = publishedPost("news");
        MockHttpSession customer = logIn("naughty", Role.CUSTOMER);
        List<String> problems = new ArrayList<>();
        for (String naughty : NaughtyStringsTests.naughtyStrings()) {
            // As a customer's comment, and as a guest's name and comment at once.
            for (var request : List.of(
                    comment(post, customer, naughty), guestComment(post, naughty, "naughty@example.org", naughty))) {
                int status = mvc.perform(request).andReturn().getResponse().getStatus();
                if (status != 302 && status != 422) {
                    problems.add(status + " for " + NaughtyStringsTests.describe(naughty));
                }
            }
        }
        assertThat(problems).isEmpty();
        var response = mvc.perform(get(post.comments())).andReturn().getResponse();
        response.setCharacterEncoding("UTF-8");
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(Jsoup.parse(response.getContentAsString()).select("#blog-comments script, #blog-comments img"))
                .isEmpty();
    }

    private Document page(Post post, @Nullable MockHttpSession session) throws Exception {
        var request = get(post.comments());
        var response = mvc.perform(session == null ? request : request.session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("??"))))
                .andReturn()
                .getResponse();
        response.setCharacterEncoding("UTF-8");
        return Jsoup.parse(response.getContentAsString());
    }

    private @Nullable UUID parent(UUID id) {
        return jdbc.sql("select parent_id from blog_comment where id = ?")
                .param(id)
                .query(UUID.class)
                .optional()
                .orElse(null);
    }

    private String reason(UUID id) {
        return jdbc.sql("select spam_reason from blog_comment where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }
}
