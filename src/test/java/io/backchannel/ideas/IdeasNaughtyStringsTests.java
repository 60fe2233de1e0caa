package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.backchannel.IntegrationTest;
import io.backchannel.identity.NaughtyStringsTests;
import io.backchannel.identity.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/**
 * Every string of the Big List of Naughty Strings as an idea's title and description, a comment, a search and a typed
 * title: each is saved and shown as text, or refused with a message on the form; never an error page, never markup.
 */
@IntegrationTest
class IdeasNaughtyStringsTests extends IdeasIntegrationTest {

    @Test
    void everyNaughtyStringIsAnIdeaACommentAndASearchOrARefusal() throws Exception {
        String m = marker();
        UUID board = ideas.createCategory("naughty-" + m, "Naughty " + m, "", false);
        MockHttpSession session = logIn("naughty", Role.CUSTOMER);
        long target = ideas.submit(account("target", Role.CUSTOMER), board, "Commented idea " + m, "Text");
        List<String> problems = new ArrayList<>();
        for (String naughty : NaughtyStringsTests.naughtyStrings()) {
            var submitted = mvc.perform(newIdea(session, board, naughty, naughty + " description"))
                    .andReturn()
                    .getResponse();
            if (submitted.getStatus() == 302) {
                String location = java.util.Objects.requireNonNull(submitted.getRedirectedUrl());
                var page = mvc.perform(get(location)).andReturn().getResponse();
                page.setCharacterEncoding("UTF-8");
                var main = Jsoup.parse(page.getContentAsString()).selectFirst("main");
                if (page.getStatus() != 200 || main == null) {
                    problems.add("idea page " + page.getStatus() + " for " + NaughtyStringsTests.describe(naughty));
                } else if (!main.select("script, img, svg, iframe, object, embed")
                        .isEmpty()) {
                    problems.add("markup from " + NaughtyStringsTests.describe(naughty));
                }
            } else if (submitted.getStatus() != 200
                    || !submitted.getContentAsString().contains("field-error")) {
                problems.add("submit " + submitted.getStatus() + " without a message for "
                        + NaughtyStringsTests.describe(naughty));
            }
            int commented = mvc.perform(post("/ideas/" + target + "/comments")
                            .session(session)
                            .with(csrf())
                            .param("body", naughty))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            if (commented != 302 && commented != 200) {
                problems.add("comment " + commented + " for " + NaughtyStringsTests.describe(naughty));
            }
            for (var read : List.of(
                    get("/ideas").param("q", naughty), get("/ideas/similar").param("title", naughty))) {
                int status = mvc.perform(read).andReturn().getResponse().getStatus();
                if (status != 200) {
                    problems.add("search " + status + " for " + NaughtyStringsTests.describe(naughty));
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(mvc.perform(get("/ideas/" + target))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
    }
}
