package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.identity.Role;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Search answers a common word by walking the list in its order and a rare one through the index (see {@code
 * IdeaFinder.broadSearch}); both must give the list's order, its total and its pages, and follow comments as they
 * change.
 */
@IntegrationTest
class IdeaSearchTests extends IdeasIntegrationTest {

    static final int IDEAS = 30;

    String slug;
    UUID board;
    UUID author;

    @BeforeEach
    void setUp() {
        slug = "search-" + marker();
        board = ideas.createCategory(slug, "Search board", "", false);
        author = account("author", Role.CUSTOMER);
        for (int i = 1; i <= IDEAS; i++) {
            ideas.submit(author, board, "Lantern idea " + i, "A lantern for the tent, number " + i + ".");
        }
    }

    @Test
    void aCommonWordListsEveryMatchInHotOrderWithTotalAndPages() throws Exception {
        // 30 of the board's 30 ideas match: the list is walked in order (30² > 25 · 30).
        var first = page("lantern", 1);
        var second = page("lantern", 2);
        List<String> expected = jdbc.sql("select title from ideas_idea where category_id = ? order by hot desc, id")
                .param(board)
                .query(String.class)
                .list();
        assertThat(titles(first)).containsExactlyElementsOf(expected.subList(0, 25));
        assertThat(titles(second)).containsExactlyElementsOf(expected.subList(25, IDEAS));
        assertThat(first.select("#results p[role=status]").text()).contains(String.valueOf(IDEAS));
    }

    @Test
    void aRareWordInACommentIsFoundUntilTheCommentSaysSomethingElse() throws Exception {
        long oldest = jdbc.sql("select min(number) from ideas_idea where category_id = ?")
                .param(board)
                .query(Long.class)
                .single();
        ideas.comment(oldest, account("commenter", Role.CUSTOMER), "Eine Zeltlampe mit Dimmer wäre schön.", false);
        assertThat(titles(page("Zeltlampen", 1))).containsExactly("Lantern idea 1");

        jdbc.sql("update ideas_comment set body_markdown = 'Ein Dimmer wäre schön.' where idea_id = "
                        + "(select id from ideas_idea where number = ?)")
                .param(oldest)
                .update();
        assertThat(titles(page("Zeltlampen", 1))).isEmpty();
    }

    private Document page(String text, int page) throws Exception {
        String html = mvc.perform(
                        get("/ideas").param("q", text).param("category", slug).param("page", String.valueOf(page)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return Jsoup.parse(html);
    }

    private static List<String> titles(Document page) {
        return page.select("#results .idea h2 a").eachText();
    }
}
