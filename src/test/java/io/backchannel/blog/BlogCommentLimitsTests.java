package io.backchannel.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.identity.Role;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The settings that shut people out: guests switched off, and the rate limit on comments. */
@IntegrationTest
@TestPropertySource(
        properties = {"backchannel.blog.guest-comments=false", "backchannel.rate-limit.public-writes-per-minute=3"})
class BlogCommentLimitsTests extends BlogCommentsIntegrationTest {

    @Test
    void guestsCannotCommentWhenGuestCommentsAreOff() throws Exception {
        Post post = publishedPost("news");
        var page = Jsoup.parse(mvc.perform(get(post.comments()).with(from("10.2.0.1")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(page.select("#blog-comments textarea[name=body]")).isEmpty();
        assertThat(page.select("#blog-comments a[href=/login]").text()).isEqualTo("Log in to comment");
        String body = "A guest when guests are off " + UUID.randomUUID();
        mvc.perform(guestComment(post, "Gus", "gus@example.org", body).with(from("10.2.0.2")))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("Please log in to comment.")));
        assertThat(commentId(post, body)).isNull();
    }

    @Test
    void commentsAreLimitedPerAddressAndPerAccount() throws Exception {
        Post post = publishedPost("news");
        var customer = logIn("busy", Role.CUSTOMER);
        for (int i = 0; i < 3; i++) {
            mvc.perform(comment(post, customer, "Busy comment " + i + " " + post.slug())
                            .with(from("10.3.0.1")))
                    .andExpect(status().is3xxRedirection());
        }
        mvc.perform(comment(post, customer, "One too many " + post.slug()).with(from("10.3.0.1")))
                .andExpect(status().isTooManyRequests())
                .andExpect(content().string(containsString("Too many attempts")));
        // A new address does not help the same account past its own limit.
        mvc.perform(comment(post, customer, "From elsewhere " + post.slug()).with(from("10.3.0.2")))
                .andExpect(status().isTooManyRequests());
        assertThat(commentId(post, "One too many " + post.slug())).isNull();
        var other = logIn("calm", Role.CUSTOMER);
        mvc.perform(comment(post, other, "Someone else " + post.slug()).with(from("10.3.0.3")))
                .andExpect(status().is3xxRedirection());
    }
}
