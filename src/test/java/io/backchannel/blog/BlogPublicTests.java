package io.backchannel.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.NaughtyStringsTests;
import io.backchannel.identity.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The public blog: stories in the reader's language, filters, search, a post's metadata, and what is not public. */
@IntegrationTest
class BlogPublicTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdentityManagement identity;

    BlogFixtures posts;
    String m;

    @BeforeEach
    void author() {
        String email = TestAccounts.create(identity, "blogger", Role.STAFF);
        jdbc.sql("update identity_account set display_name = 'Bea Blogger' where email = ?")
                .param(email)
                .update();
        posts = new BlogFixtures(jdbc, TestAccounts.id(jdbc, email));
        m = BlogFixtures.marker();
    }

    @Test
    void listsOneEntryPerStoryInTheReadersLanguageWithItsOtherLanguages() throws Exception {
        String tag = "story-" + m;
        UUID original = posts.post("en", "new-store-" + m, "A new store in Oslo " + m)
                .tags(tag)
                .at(Instant.now().minusSeconds(7200))
                .save();
        posts.post("de", "neuer-laden-" + m, "Ein neuer Laden in Oslo " + m)
                .translationOf(original)
                .tags(tag)
                .save();
        posts.post("es", "nueva-tienda-" + m, "Una nueva tienda en Oslo " + m)
                .translationOf(original)
                .tags(tag)
                .save();
        posts.post("en", "later-" + m, "Only in English " + m).tags(tag).save();

        Document german = page(get("/blog").param("tag", tag).header("Accept-Language", "de"));
        assertThat(german.select("main article h2").eachText())
                .containsExactly("Only in English " + m, "Ein neuer Laden in Oslo " + m);
        assertThat(german.select("main article").get(1).attr("lang")).isEqualTo("de");
        assertThat(german.select("main .blog-posts > li")
                        .get(1)
                        .select(".blog-languages a")
                        .eachText())
                .containsExactly("English", "Español");
        assertThat(german.select("main .blog-posts > li")
                        .get(1)
                        .select(".blog-languages a[hreflang=es]")
                        .attr("href"))
                .isEqualTo("/blog/es/nueva-tienda-" + m);

        Document english = page(get("/blog").param("tag", tag).header("Accept-Language", "en"));
        assertThat(english.select("main article h2").eachText())
                .containsExactly("Only in English " + m, "A new store in Oslo " + m);
        assertThat(english.select("main .blog-posts > li")
                        .get(1)
                        .select(".blog-languages a")
                        .eachText())
                .containsExactly("Deutsch", "Español");
        assertThat(english.select("main .meta").get(1).text())
                .contains("News", "by Bea Blogger", "1 minute read", "No comments");
    }

    @Test
    void filtersByCategoryTagAndLanguage() throws Exception {
        String tag = "filter-" + m;
        UUID careers = posts.post("en", "jobs-" + m, "We are hiring " + m)
                .category("careers")
                .tags(tag)
                .save();
        posts.post("de", "stellen-" + m, "Wir stellen ein " + m)
                .category("careers")
                .translationOf(careers)
                .tags(tag)
                .save();
        posts.post("en", "results-" + m, "Quarterly results " + m)
                .category("investor-relations")
                .tags(tag)
                .save();
        posts.post("de", "produkt-" + m, "Neues Produkt " + m)
                .category("product")
                .tags(tag, "other-" + m)
                .save();

        assertThat(titles(get("/blog").param("tag", tag).param("category", "careers")))
                .containsExactly("We are hiring " + m);
        assertThat(titles(get("/blog").param("tag", tag).param("language", "de")))
                .containsExactlyInAnyOrder("Wir stellen ein " + m, "Neues Produkt " + m);
        assertThat(titles(get("/blog").param("tag", "other-" + m))).containsExactly("Neues Produkt " + m);
        assertThat(titles(get("/blog").param("tag", tag).param("category", "no-such-category")))
                .isEmpty();

        Document page = page(get("/blog").param("tag", tag).param("category", "careers"));
        assertThat(page.select("nav.tabs a[aria-current=page]").text()).isEqualTo("Careers");
        assertThat(page.select("main [role=status]").text()).contains(tag);
        assertThat(page.select("link[rel=alternate][type=application/atom+xml]").attr("href"))
                .startsWith("/blog/feed.atom?category=careers");
        Document post = page(get("/blog/en/jobs-" + m));
        assertThat(post.select("main .meta a.tag").attr("href")).isEqualTo("/blog?category=careers");
        assertThat(post.select("main .tag-list a[rel=tag]").attr("href")).isEqualTo("/blog?tag=" + tag);
    }

    @Test
    void paginatesTenStoriesAPage() throws Exception {
        String tag = "pages-" + m;
        for (int i = 1; i <= 12; i++) {
            posts.post("en", "page-" + i + "-" + m, "Post " + i + " " + m)
                    .at(Instant.now().minusSeconds(1000L * i))
                    .tags(tag)
                    .save();
        }
        Document first = page(get("/blog").param("tag", tag));
        assertThat(first.select("main article h2")).hasSize(10);
        assertThat(first.select("main article h2").first().text()).isEqualTo("Post 1 " + m);
        assertThat(first.select(".pager a[rel=next]").attr("href"))
                .contains("page=2")
                .contains("tag=" + tag);
        assertThat(titles(get("/blog").param("tag", tag).param("page", "2")))
                .containsExactly("Post 11 " + m, "Post 12 " + m);
        assertThat(titles(get("/blog").param("tag", tag).param("page", "999999999")))
                .isEmpty();
    }

    @Test
    void searchStemsGermanAndEnglishWords() throws Exception {
        posts.post("de", "zelte-" + m, "Unsere neuen Zelte " + m)
                .body("Die wasserdichten Zelte kommen im Frühjahr in die Läden.")
                .save();
        posts.post("en", "boots-" + m, "Hiking boots repaired " + m)
                .body("Our workshop repaired thousands of boots this year.")
                .save();

        assertThat(titles(get("/blog").param("q", "Zelt " + m))).containsExactly("Unsere neuen Zelte " + m);
        assertThat(titles(get("/blog").param("q", "wasserdichtes Zelt").param("language", "de")))
                .contains("Unsere neuen Zelte " + m);
        assertThat(titles(get("/blog").param("q", "repairing boot " + m)))
                .containsExactly("Hiking boots repaired " + m);
        assertThat(titles(get("/blog").param("q", "\"repairing boot\" -" + m)))
                .doesNotContain("Hiking boots repaired " + m);
        assertThat(titles(get("/blog").param("q", "Zelt").param("language", "en")))
                .doesNotContain("Unsere neuen Zelte " + m);
    }

    @Test
    void draftsScheduledAndUnknownPostsAreNotFound() throws Exception {
        String tag = "hidden-" + m;
        posts.post("en", "draft-" + m, "Draft " + m).state("DRAFT").tags(tag).save();
        posts.post("en", "later-" + m, "Scheduled " + m)
                .state("SCHEDULED")
                .at(Instant.now().plusSeconds(3600))
                .tags(tag)
                .save();
        for (String path :
                List.of("/blog/en/draft-" + m, "/blog/en/later-" + m, "/blog/en/nothing-" + m, "/blog/xx/draft-" + m)) {
            // The translated error page itself comes from the container's error dispatch (BlogRealServerTests).
            assertThat(response(get(path)).getStatus()).as(path).isEqualTo(404);
        }
        assertThat(titles(get("/blog").param("tag", tag))).isEmpty();
    }

    @Test
    void aPostHasCanonicalHreflangOpenGraphAndJsonLd() throws Exception {
        UUID original = posts.post("de", "herbst-" + m, "Herbstkollektion " + m)
                .summary("Was im Herbst neu ist")
                .category("product")
                .tags("herbst", "jacken")
                .save();
        posts.post("en", "autumn-" + m, "Autumn collection " + m)
                .category("product")
                .translationOf(original)
                .save();
        posts.post("ja", "aki-" + m, "秋のコレクション " + m)
                .category("product")
                .translationOf(original)
                .save();
        posts.post("es", "otono-" + m, "Draft translation " + m)
                .translationOf(original)
                .state("DRAFT")
                .save();

        Document page = page(get("/blog/en/autumn-" + m).header("Accept-Language", "de"));
        String base = "http://localhost:8080";
        assertThat(page.select("head link[rel=canonical]").attr("href")).isEqualTo(base + "/blog/en/autumn-" + m);
        assertThat(page.select("head link[rel=alternate][hreflang]").eachAttr("hreflang"))
                .containsExactly("de", "en", "ja", "x-default");
        assertThat(page.select("head link[hreflang=ja]").attr("href")).isEqualTo(base + "/blog/ja/aki-" + m);
        assertThat(page.select("head link[hreflang=x-default]").attr("href")).isEqualTo(base + "/blog/de/herbst-" + m);
        assertThat(page.select("head meta[property=og:title]").attr("content")).isEqualTo("Autumn collection " + m);
        assertThat(page.select("head meta[property=og:url]").attr("content")).isEqualTo(base + "/blog/en/autumn-" + m);
        assertThat(page.select("head meta[property=og:locale]").attr("content")).isEqualTo("en");
        assertThat(page.select("head meta[property=og:locale:alternate]").eachAttr("content"))
                .containsExactly("de", "ja");
        assertThat(page.select("head title").text()).isEqualTo("Autumn collection " + m);

        var switcher = page.select("main .blog-languages a");
        assertThat(switcher.eachText()).containsExactly("Deutsch", "English", "日本語");
        assertThat(switcher.eachAttr("lang")).containsExactly("de", "en", "ja");
        assertThat(page.select("main .blog-languages a[aria-current=page]").text())
                .isEqualTo("English");
        assertThat(page.select("main article").attr("lang")).isEqualTo("en");
        assertThat(page.select("main article time").attr("datetime")).endsWith("Z");

        JsonNode json = jsonLd(page);
        assertThat(json.get("@type").asString()).isEqualTo("BlogPosting");
        assertThat(json.get("headline").asString()).isEqualTo("Autumn collection " + m);
        assertThat(json.get("inLanguage").asString()).isEqualTo("en");
        assertThat(json.get("author").get("name").asString()).isEqualTo("Bea Blogger");
        assertThat(json.get("url").asString()).isEqualTo(base + "/blog/en/autumn-" + m);
        assertThat(json.get("articleSection").asString()).isEqualTo("Produkt");
    }

    @Test
    void aHostileTitleStaysTextInTheHeadAndCannotLeaveTheJsonLd() throws Exception {
        String hostile = "</script><script>alert(1)</script><!-- & \" ' <img src=x onerror=alert(2)> \u2028 " + m;
        posts.post("en", "hostile-" + m, hostile)
                .summary(hostile)
                .tags("<b>tag</b>")
                .save();

        var response = response(get("/blog/en/hostile-" + m));
        String html = response.getContentAsString();
        assertThat(html).doesNotContain("<script>alert(1)", "<img src=x", "<b>tag</b>", "th:ref");
        Document page = Jsoup.parse(html);
        assertThat(page.select("script"))
                .allSatisfy(script -> assertThat(script.data()).doesNotContain("alert(1)</"));
        assertThat(page.select("script[type=application/ld+json]")).hasSize(1);
        String script = page.select("script[type=application/ld+json]").first().data();
        assertThat(script).doesNotContain("<", ">", "&").contains("\\u003C/script\\u003E");
        assertThat(jsonLd(page).get("headline").asString()).isEqualTo(hostile);
        assertThat(page.select("main h1").first().wholeText()).isEqualTo(hostile);
        assertThat(page.select("head meta[property=og:title]").attr("content")).isEqualTo(hostile);
        assertThat(page.select("img")).isEmpty();
    }

    @Test
    void everyNaughtyStringIsShownAsATitle() throws Exception {
        String tag = "naughty-" + m;
        List<String> strings = NaughtyStringsTests.naughtyStrings().stream()
                .map(s -> s.replace("\u0000", ""))
                .filter(s -> !s.isBlank())
                .toList();
        for (int i = 0; i < strings.size(); i++) {
            posts.post("en", "naughty-" + i + "-" + m, strings.get(i)).tags(tag).save();
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < strings.size(); i++) {
            var response = response(get("/blog/en/naughty-" + i + "-" + m));
            if (response.getStatus() != 200) {
                problems.add(i + ": status " + response.getStatus());
                continue;
            }
            Document page = Jsoup.parse(response.getContentAsString());
            String expected = asParsed(strings.get(i));
            if (!page.select("main h1").first().wholeText().equals(expected)) {
                problems.add(i + ": h1 " + page.select("main h1").first().wholeText() + " instead of " + expected);
            }
            if (!jsonLd(page).get("headline").asString().equals(strings.get(i))) {
                problems.add(i + ": JSON-LD headline differs");
            }
        }
        assertThat(problems).isEmpty();
        for (int p = 1; p <= (strings.size() + 9) / 10; p++) {
            assertThat(response(get("/blog").param("tag", tag).param("page", String.valueOf(p)))
                            .getStatus())
                    .isEqualTo(200);
        }
        for (String search : strings.subList(0, Math.min(strings.size(), 200))) {
            assertThat(response(get("/blog").param("q", search)).getStatus())
                    .as(search)
                    .isEqualTo(200);
        }
    }

    /** A text as an HTML parser reads it back: line breaks normalised (HTML, 13.2.3.5). */
    private static String asParsed(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    static JsonNode jsonLd(Document page) {
        return JsonMapper.builder()
                .build()
                .readTree(
                        page.select("script[type=application/ld+json]").first().data());
    }

    private List<String> titles(MockHttpServletRequestBuilder request) throws Exception {
        return page(request).select("main article h2").eachText();
    }

    private Document page(MockHttpServletRequestBuilder request) throws Exception {
        var response = response(request);
        assertThat(response.getStatus()).isEqualTo(200);
        return Jsoup.parse(response.getContentAsString());
    }

    private MockHttpServletResponse response(MockHttpServletRequestBuilder request) throws Exception {
        var response = mvc.perform(request).andReturn().getResponse();
        response.setCharacterEncoding("UTF-8");
        return response;
    }
}
