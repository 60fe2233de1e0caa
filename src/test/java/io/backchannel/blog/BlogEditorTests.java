package io.backchannel.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.blog.internal.BlogEditor;
import io.backchannel.blog.internal.StaleEdit;
import io.backchannel.identity.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

@IntegrationTest
@RecordApplicationEvents
class BlogEditorTests extends BlogEditorIntegrationTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    BlogEditor editor;

    @Autowired
    ApplicationEvents events;

    MockHttpSession staff;

    @BeforeEach
    void logInStaff() throws Exception {
        staff = logIn("editor", Role.STAFF);
    }

    @Test
    void customersGetForbiddenOnEveryStaffPageAndVisitorsAreSentToLogin() throws Exception {
        long number = draft(staff, "Guarded " + marker(), "", "Secret draft text");
        MockHttpSession customer = logIn("customer", Role.CUSTOMER);
        List<AbstractMockHttpServletRequestBuilder<?>> requests = List.of(
                get(BASE),
                get(BASE + "/new"),
                get(BASE + "/" + number + "/edit"),
                get(BASE + "/" + number + "/revisions"),
                get(BASE + "/" + number + "/diff").param("from", "1"),
                newPost(customer, "Customer post", "customer-post", "x").param("action", "publish"),
                edit(customer, number, "Hijacked", "Hijacked").param("action", "publish"),
                post(BASE + "/preview").with(csrf()).param("body", "x"),
                post(BASE + "/" + number + "/revisions/1/restore").with(csrf()),
                post(BASE + "/" + number + "/translations").with(csrf()).param("language", "de"),
                multipart(BASE + "/images")
                        .file(new MockMultipartFile("image", "a.png", "image/png", Images.png(4, 4)))
                        .with(csrf()));
        for (var request : requests) {
            mvc.perform(request.session(customer)).andExpect(status().isForbidden());
        }
        mvc.perform(get(BASE)).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
        mvc.perform(get(BASE + "/" + number + "/edit")).andExpect(redirectedUrl("/login"));
        assertThat(jdbc.sql("select title from blog_post where number = ?")
                        .param(number)
                        .query(String.class)
                        .single())
                .startsWith("Guarded");
        assertThat(state(number)).isEqualTo("DRAFT");
        assertThat(jdbc.sql("select count(*) from blog_post where slug = 'customer-post'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void staffWriteADraftEditItAndPublishIt() throws Exception {
        String m = marker();
        String location = mvc.perform(newPost(staff, "New tents " + m, "", "First **draft**")
                        .param("tags", "Tents, Summer 2026, tents")
                        .param("action", "save"))
                .andExpect(redirectedUrlPattern(BASE + "/*/edit"))
                .andExpect(flash().attribute("flash", "blog.editor.saved"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long number = number(location);
        assertThat(state(number)).isEqualTo("DRAFT");
        assertThat(jdbc.sql("select slug from blog_post where number = ?")
                        .param(number)
                        .query(String.class)
                        .single())
                .isEqualTo("new-tents-" + m);
        assertThat(jdbc.sql("select tag from blog_post_tag where post_id = ? order by tag")
                        .param(postId(number))
                        .query(String.class)
                        .list())
                .containsExactly("summer-2026", "tents");
        mvc.perform(get(location).session(staff))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("First **draft**")));
        mvc.perform(get(BASE).session(staff).param("state", "DRAFT").param("q", m))
                .andExpect(content().string(containsString("New tents " + m)));
        mvc.perform(get(BASE).session(staff).param("state", "PUBLISHED").param("q", m))
                .andExpect(content().string(not(containsString("New tents " + m))));

        mvc.perform(edit(staff, number, "New tents " + m, "Second draft").param("action", "save"))
                .andExpect(redirectedUrl(location));
        assertThat(revision(number)).isEqualTo(2);
        assertThat(events.stream(PostPublished.class)).isEmpty();

        mvc.perform(edit(staff, number, "New tents " + m, "Second draft").param("action", "publish"))
                .andExpect(flash().attribute("flash", "blog.editor.published"));
        assertThat(state(number)).isEqualTo("PUBLISHED");
        assertThat(revision(number))
                .as("publishing without a change is no new revision")
                .isEqualTo(2);
        assertThat(events.stream(PostPublished.class).filter(e -> e.postId().equals(postId(number))))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.slug()).isEqualTo("new-tents-" + m);
                    assertThat(e.categorySlug()).isEqualTo("news");
                    assertThat(e.publishedAt())
                            .isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
                });

        mvc.perform(edit(staff, number, "New tents " + m, "Third version").param("action", "save"));
        assertThat(state(number)).isEqualTo("PUBLISHED");
        assertThat(events.stream(PostUpdated.class).filter(e -> e.postId().equals(postId(number))))
                .singleElement()
                .satisfies(e -> assertThat(e.revision()).isEqualTo(3));
        assertThat(events.stream(PostPublished.class).filter(e -> e.postId().equals(postId(number))))
                .hasSize(1);

        mvc.perform(edit(staff, number, "New tents " + m, "Third version").param("action", "withdraw"))
                .andExpect(flash().attribute("flash", "blog.editor.withdrawn"));
        assertThat(state(number)).isEqualTo("DRAFT");
        assertThat(events.stream(PostUpdated.class).filter(e -> e.postId().equals(postId(number))))
                .as("the public page goes away")
                .hasSize(2);
    }

    @Test
    void aScheduledPostAppearsAtItsTimeAndNotBefore() throws Exception {
        Instant at = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
        String location = mvc.perform(newPost(staff, "Scheduled " + marker(), "", "Later")
                        .param("publishAt", LocalDateTime.ofInstant(at, BERLIN).toString())
                        .param("action", "schedule"))
                .andExpect(flash().attribute("flash", "blog.editor.scheduled"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long number = number(location);
        UUID id = postId(number);
        assertThat(state(number)).isEqualTo("SCHEDULED");
        assertThat(jdbc.sql("select publish_at from blog_post where id = ?")
                        .param(id)
                        .query(java.sql.Timestamp.class)
                        .single()
                        .toInstant())
                .as("entered in Berlin time")
                .isEqualTo(at);

        editor.publishDue(at.minusSeconds(1));
        assertThat(state(number)).isEqualTo("SCHEDULED");
        assertThat(events.stream(PostPublished.class).filter(e -> e.postId().equals(id)))
                .isEmpty();

        editor.publishDue(at);
        assertThat(state(number)).isEqualTo("PUBLISHED");
        assertThat(events.stream(PostPublished.class).filter(e -> e.postId().equals(id)))
                .singleElement()
                .satisfies(e -> assertThat(e.publishedAt()).isEqualTo(at));
        editor.publishDue(at.plusSeconds(60));
        assertThat(events.stream(PostPublished.class).filter(e -> e.postId().equals(id)))
                .hasSize(1);
    }

    @Test
    void invalidScheduleDatesAreRefusedWithTranslatedMessages() throws Exception {
        for (String date : List.of(
                "",
                "tomorrow",
                "2020-01-01T10:00",
                "2026-02-30T10:00",
                "99999-01-01T10:00",
                "0001-01-01T00:00",
                "2999-01-01T10:00",
                "x".repeat(10_000))) {
            String title = "Bad date " + marker();
            var page = page(mvc.perform(newPost(staff, title, "", "Text")
                            .param("publishAt", date)
                            .param("action", "schedule"))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString());
            assertThat(page.select("#publishAt-error").text()).as(date).isNotBlank();
            assertThat(page.select("#title").val()).isEqualTo(title);
            assertThat(count("select count(*) from blog_post where title = ?", title))
                    .isZero();
        }
        var german = page(mvc.perform(newPost(staff, "Vergangen " + marker(), "", "Text")
                        .param("publishAt", "2020-01-01T10:00")
                        .param("action", "schedule")
                        .header("Accept-Language", "de"))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(german.select("#publishAt-error").text()).contains("vorbei");
    }

    @Test
    void duplicateAndMalformedSlugsAreRefusedWithMessages() throws Exception {
        String slug = "launch-" + marker();
        draft(staff, "Launch", slug, "Text");
        var duplicate =
                page(mvc.perform(newPost(staff, "Launch again", slug, "Text").param("action", "save"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(duplicate.select("#slug-error").text()).contains("already has this address");
        mvc.perform(newPost(staff, "Start", slug, "Text", "de").param("action", "save"))
                .andExpect(redirectedUrlPattern(BASE + "/*/edit"));
        for (String bad : List.of("Upper", "two words", "a--b", "-lead", "trail-", "ümlaut", "a/b", "x".repeat(101))) {
            var page = page(mvc.perform(newPost(staff, "Slug test", bad, "Text").param("action", "save"))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString());
            assertThat(page.select("#slug-error").text()).as(bad).contains("lower-case letters");
        }
        var untitled = page(mvc.perform(newPost(staff, "日本語のタイトル", "", "Text").param("action", "save"))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(untitled.select("#slug-error").text()).contains("Please enter an address");
    }

    @Test
    void hugeTextsAreRefusedWithMessagesAndKeptInTheForm() throws Exception {
        var body = page(mvc.perform(newPost(staff, "Huge " + marker(), "", "x".repeat(200_001))
                        .param("action", "save"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(body.select("#body-error").text()).contains("too long").contains("200,000");
        var title = page(mvc.perform(newPost(staff, "t".repeat(201), "", "Text").param("action", "save"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(title.select("#title-error").text()).contains("too long");
        var empty = page(mvc.perform(newPost(staff, "   ", "", "Text").param("action", "save"))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(empty.select("#title-error").text()).isNotBlank();
        var tags = page(mvc.perform(
                        newPost(staff, "Tags", "", "Text").param("tags", "<b>").param("action", "save"))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(tags.select("#tags-error").text()).isNotBlank();
        mvc.perform(post(BASE + "/preview").session(staff).with(csrf()).param("body", "y".repeat(200_001)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("too long")));
    }

    @Test
    void hostileMarkupIsHarmlessInThePreviewTheStoredHtmlAndThePages() throws Exception {
        List<String> vectors = List.of(
                "<script>alert(1)</script>",
                "<img src=x onerror=alert(1)>",
                "[x](javascript:alert(1))",
                "![x](javascript:alert(1))",
                "![tracker](https://evil.example/pixel.png)",
                "![up](/blog/images/../../admin)",
                "<svg onload=alert(1)><script>alert(1)</script></svg>",
                "<a href=\"https://x\" onmouseover=\"alert(1)\">x</a>",
                "<iframe src=\"https://evil.example\"></iframe>");
        for (String vector : vectors) {
            String preview = mvc.perform(
                            post(BASE + "/preview").session(staff).with(csrf()).param("body", vector))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertHarmless(vector, Jsoup.parse(preview).selectFirst("#preview").html());
        }
        String all = String.join("\n\n", vectors);
        long number = draft(staff, "<script>alert('title')</script>", "hostile-" + marker(), all);
        String stored = jdbc.sql("select body_html from blog_post where number = ?")
                .param(number)
                .query(String.class)
                .single();
        assertHarmless(all, stored);
        var editPage = page(mvc.perform(get(BASE + "/" + number + "/edit").session(staff))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(editPage.select("main script"))
                .allSatisfy(s -> assertThat(s.attr("src")).endsWith("blog-editor.js"));
        assertThat(editPage.select("#title").val()).isEqualTo("<script>alert('title')</script>");
        var list = page(mvc.perform(get(BASE).session(staff).param("q", "alert('title')"))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(list.select("main script")).isEmpty();
        assertThat(list.select("main td a").text()).contains("<script>alert('title')</script>");
    }

    @Test
    void sameSiteImagesStayInThePreview() throws Exception {
        String id = UUID.randomUUID().toString();
        String preview = mvc.perform(post(BASE + "/preview")
                        .session(staff)
                        .with(csrf())
                        .param("body", "![A tent](/blog/images/" + id + ")"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        var image = Jsoup.parse(preview).selectFirst("#preview img");
        assertThat(image).isNotNull();
        assertThat(image.attr("src")).isEqualTo("/blog/images/" + id);
        assertThat(image.attr("alt")).isEqualTo("A tent");
    }

    @Test
    void revisionsShowWhoChangedWhatAndAnEarlierOneCanBeRestored() throws Exception {
        long number = draft(staff, "Revisions " + marker(), "", "one\ntwo\nthree");
        MockHttpSession other = logIn("second-editor", Role.ADMIN);
        mvc.perform(
                edit(other, number, "Revisions changed", "one\n2\nthree\nfour").param("action", "save"));
        var revisions = page(mvc.perform(get(BASE + "/" + number + "/revisions").session(staff))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(revisions.select("tbody tr")).hasSize(2);
        assertThat(revisions.select("tbody").text()).contains("editor", "second-editor");

        var diff = page(
                mvc.perform(get(BASE + "/" + number + "/diff").session(staff).param("from", "1"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        var body = diff.select("pre.diff").last();
        assertThat(body.select(".diff-removed").eachText()).containsExactly("−removed:two");
        assertThat(body.select(".diff-added").eachText()).containsExactly("+added:2", "+added:four");
        assertThat(body.select(".diff-same").eachText()).containsExactly("one", "three");
        mvc.perform(get(BASE + "/" + number + "/diff").session(staff).param("from", "99"))
                .andExpect(status().isNotFound());

        mvc.perform(post(BASE + "/" + number + "/revisions/1/restore")
                        .session(staff)
                        .with(csrf()))
                .andExpect(redirectedUrl(BASE + "/" + number + "/edit"))
                .andExpect(flash().attribute("flash", "blog.revisions.restored"));
        assertThat(revision(number)).isEqualTo(3);
        assertThat(jdbc.sql("select body_markdown from blog_post where number = ?")
                        .param(number)
                        .query(String.class)
                        .single())
                .isEqualTo("one\ntwo\nthree");
        assertThat(jdbc.sql("select title from blog_post where number = ?")
                        .param(number)
                        .query(String.class)
                        .single())
                .startsWith("Revisions ")
                .isNotEqualTo("Revisions changed");
        assertThat(count("select count(*) from blog_revision where post_id = ?", postId(number)))
                .isEqualTo(3);
    }

    @Test
    void aTranslationNeedsAnUpdateOnceItsOriginalChanges() throws Exception {
        String m = marker();
        String location = mvc.perform(
                        newPost(staff, "Neue Zelte " + m, "", "Eins", "de").param("action", "save"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long original = number(location);
        String translationLocation = mvc.perform(post(BASE + "/" + original + "/translations")
                        .session(staff)
                        .with(csrf())
                        .param("language", "en"))
                .andExpect(flash().attribute("flash", "blog.translations.started"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long translation = number(translationLocation);
        assertThat(jdbc.sql("select translation_of from blog_post where number = ?")
                        .param(translation)
                        .query(UUID.class)
                        .single())
                .isEqualTo(postId(original));
        mvc.perform(post(BASE + "/" + original + "/translations")
                        .session(staff)
                        .with(csrf())
                        .param("language", "en"))
                .andExpect(redirectedUrl(translationLocation));
        mvc.perform(post(BASE + "/" + original + "/translations")
                        .session(staff)
                        .with(csrf())
                        .param("language", "xx"))
                .andExpect(flash().attribute("flashError", "blog.translations.language-invalid"));
        mvc.perform(get(translationLocation).session(staff))
                .andExpect(content().string(not(containsString("Needs update"))));

        mvc.perform(edit(staff, original, "Neue Zelte " + m, "Eins\nZwei").param("action", "save"));
        var page = page(mvc.perform(get(translationLocation).session(staff))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(page.text()).contains("Needs update");
        assertThat(page.select("a[href=/workspace/blog/" + original + "/diff?from=1]"))
                .hasSize(1);
        mvc.perform(get(BASE).session(staff).param("q", m).param("language", "en"))
                .andExpect(content().string(containsString("Needs update")));

        // A translation of the translation hangs on the original too.
        String spanish = mvc.perform(post(BASE + "/" + translation + "/translations")
                        .session(staff)
                        .with(csrf())
                        .param("language", "es"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(jdbc.sql("select translation_of from blog_post where number = ?")
                        .param(number(spanish))
                        .query(UUID.class)
                        .single())
                .isEqualTo(postId(original));

        mvc.perform(edit(staff, translation, "New tents " + m, "One\nTwo").param("action", "save"));
        assertThat(needsUpdate(translation))
                .as("an edit alone does not bring it up to date")
                .isTrue();
        mvc.perform(edit(staff, translation, "New tents " + m, "One\nTwo")
                .param("upToDate", "true")
                .param("action", "save"));
        assertThat(needsUpdate(translation)).isFalse();
        mvc.perform(get(translationLocation).session(staff))
                .andExpect(content().string(not(containsString("Needs update"))));
    }

    @Test
    void aStaleSaveIsRefusedNamingWhoSavedTheNewerVersionAndKeepsTheText() throws Exception {
        MockHttpSession alice = logIn("alice", Role.STAFF);
        MockHttpSession bob = logIn("bob", Role.STAFF);
        long number = draft(alice, "Shared " + marker(), "", "Start");
        var alicesForm = edit(alice, number, "Shared by Alice", "Alice's text").param("action", "save");
        var bobsForm = edit(bob, number, "Shared by Bob", "Bob's text").param("action", "save");

        mvc.perform(alicesForm).andExpect(redirectedUrl(BASE + "/" + number + "/edit"));
        var conflict = page(mvc.perform(bobsForm)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(conflict.select("[role=alert]").text()).contains("alice saved a newer version");
        assertThat(conflict.select("#body").val()).isEqualTo("Bob's text");
        assertThat(conflict.select("a[href=/workspace/blog/" + number + "/diff?from=1]"))
                .hasSize(1);
        assertThat(body(number)).isEqualTo("Alice's text");

        // Having seen the conflict, Bob saves again on purpose.
        mvc.perform(post(BASE + "/" + number)
                        .session(bob)
                        .with(csrf())
                        .param("title", "Shared by Bob")
                        .param("slug", conflict.select("#slug").val())
                        .param("language", "en")
                        .param("category", "news")
                        .param("body", "Bob's text")
                        .param("version", conflict.select("#version").val())
                        .param("revision", conflict.select("#revision").val())
                        .param("action", "save"))
                .andExpect(redirectedUrl(BASE + "/" + number + "/edit"));
        assertThat(body(number)).isEqualTo("Bob's text");
    }

    @Test
    void ofTwoSimultaneousSavesFromTheSameVersionExactlyOneWins() throws Exception {
        long number = draft(staff, "Race " + marker(), "", "Start");
        int version = jdbc.sql("select version from blog_post where number = ?")
                .param(number)
                .query(Integer.class)
                .single();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        var start = new CountDownLatch(1);
        var executor = Executors.newFixedThreadPool(2);
        try {
            var results = new ArrayList<Future<String>>();
            for (UUID editorId : List.of(first, second)) {
                results.add(executor.submit(() -> {
                    start.await();
                    try {
                        editor.update(
                                number,
                                version,
                                new BlogEditor.Draft("en", "", "Race", "", "Text by " + editorId, "news", "", null),
                                BlogEditor.Action.SAVE,
                                false,
                                editorId);
                        return "saved";
                    } catch (StaleEdit e) {
                        return "stale";
                    }
                }));
            }
            start.countDown();
            var outcomes = new ArrayList<String>();
            for (var result : results) {
                outcomes.add(result.get());
            }
            assertThat(outcomes).containsExactlyInAnyOrder("saved", "stale");
        } finally {
            executor.shutdown();
        }
        assertThat(revision(number)).isEqualTo(2);
    }

    /** No active element, no event handler, and no address other than plain links and this site's images. */
    private void assertHarmless(String vector, String html) {
        var document = Jsoup.parseBodyFragment(html);
        assertThat(document.select("script, svg, iframe, object, embed, style, math"))
                .as(vector)
                .isEmpty();
        for (var element : document.getAllElements()) {
            for (var attribute : element.attributes()) {
                assertThat(attribute.getKey()).as(vector).doesNotStartWith("on");
                assertThat(attribute.getValue().toLowerCase(Locale.ROOT))
                        .as(vector)
                        .doesNotContain("javascript:", "evil.example");
            }
        }
        assertThat(document.select("img")).as(vector).allSatisfy(img -> assertThat(img.attr("src"))
                .matches("/blog/images/[0-9a-f-]{36}"));
    }

    private static Document page(String html) {
        return Jsoup.parse(html);
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private int revision(long number) {
        return jdbc.sql("select revision from blog_post where number = ?")
                .param(number)
                .query(Integer.class)
                .single();
    }

    private String body(long number) {
        return jdbc.sql("select body_markdown from blog_post where number = ?")
                .param(number)
                .query(String.class)
                .single();
    }

    private boolean needsUpdate(long number) {
        return jdbc.sql(
                        """
                        select p.translated_from_revision < o.revision from blog_post p
                        join blog_post o on o.id = p.translation_of where p.number = ?""")
                .param(number)
                .query(Boolean.class)
                .single();
    }
}
