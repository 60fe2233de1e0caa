package io.backchannel.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.backchannel.IntegrationTest;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The demo blog: every category, translations with language switches, hidden drafts and schedules, loaded once. */
@IntegrationTest
class DemoBlogTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityManagement identity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoBlog demo;

    @Test
    void demoBlogHasStoriesInEveryCategoryWithTranslationsAndLoadsOnce() throws Exception {
        Map<String, UUID> people = new HashMap<>();
        for (String login : List.of("clara", "pia", "hanna", "ivan", "sam", "kim", "lee", "maria", "nora")) {
            people.put(
                    login,
                    identity.createAccount(
                            login + "-" + UUID.randomUUID() + "@example.org",
                            login,
                            "demo password",
                            Set.of(Role.STAFF),
                            "en"));
        }
        demo.load(people);
        long posts =
                jdbc.sql("select count(*) from blog_post").query(Long.class).single();
        demo.load(people);
        assertThat(jdbc.sql("select count(*) from blog_post").query(Long.class).single())
                .isEqualTo(posts);

        for (String category : List.of("news", "ideas-in-action", "investor-relations", "careers", "product")) {
            assertThat(page("/blog?category=" + category, "en").select("main article h2"))
                    .as(category)
                    .isNotEmpty();
        }
        Document repair = page("/blog/en/repair-days", "de");
        assertThat(repair.select("main .blog-languages a").eachAttr("hreflang"))
                .containsExactly("en", "de", "es", "ja", "no");
        assertThat(repair.select("main .meta").text()).contains("3 Kommentare");
        assertThat(page(get("/blog").param("q", "Reparaturtage Filiale"), "de")
                        .select("main article h2")
                        .eachText())
                .containsExactly("Reparaturtage in jeder Filiale");
        assertThat(page(get("/blog").param("q", "repair days store"), "de")
                        .select("main article h2")
                        .eachText())
                .contains("Repair days in every store");
        assertThat(page(get("/blog").param("q", "store Norway"), "en")
                        .select("main article h2")
                        .eachText())
                .doesNotContain("Our first store in Norway");
        assertThat(page("/blog?language=ja", "en").select("main article h2").eachText())
                .contains("全店舗でリペアデーを開催");
        assertThat(mvc.perform(get("/blog/en/annual-general-meeting"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(mvc.perform(get("/blog/en/new-store-bergen"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
    }

    private Document page(String path, String language) throws Exception {
        return page(get(path), language);
    }

    private Document page(MockHttpServletRequestBuilder request, String language) throws Exception {
        var response = mvc.perform(request.header("Accept-Language", language))
                .andReturn()
                .getResponse();
        response.setCharacterEncoding("UTF-8");
        assertThat(response.getStatus()).isEqualTo(200);
        return Jsoup.parse(response.getContentAsString());
    }
}
