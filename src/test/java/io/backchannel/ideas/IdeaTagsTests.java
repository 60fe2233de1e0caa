package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.ideas.internal.IdeaLabels;
import io.backchannel.ideas.internal.TagNames;
import io.backchannel.identity.NaughtyStringsTests;
import io.backchannel.identity.Role;
import io.backchannel.identity.SignedInAccount;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.access.AccessDeniedException;

@IntegrationTest
class IdeaTagsTests extends IdeasIntegrationTest {

    @Autowired
    IdeaLabels labels;

    UUID board;
    String slug;
    String m;

    @BeforeEach
    void board() {
        m = marker();
        slug = "tags-" + m;
        board = ideas.createCategory(slug, "Tags " + m, "", false);
    }

    @Test
    void authorsTagsAreNormalisedAndShownAsLinks() throws Exception {
        var session = customer();
        String location = mvc.perform(newIdea(session, board, "Dark mode " + m, "Please.")
                        .param("tags", " Dark-Mode-" + m + " , ＡＰＰ" + m + "，#Zelt-" + m + "、dark-mode-" + m + ",,"))
                .andExpect(redirectedUrlPattern("/ideas/*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long number = Long.parseLong(location.substring("/ideas/".length()));
        assertThat(tags(number)).containsExactly("app" + m, "dark-mode-" + m, "zelt-" + m);
        var page =
                Jsoup.parse(mvc.perform(get(location)).andReturn().getResponse().getContentAsString());
        assertThat(page.select("main a[rel=tag]").eachAttr("href"))
                .contains("/ideas?tag=app" + m, "/ideas?tag=dark-mode-" + m, "/ideas?tag=zelt-" + m);
    }

    @Test
    void tagsInAnyScriptAreAccepted() {
        assertThat(TagNames.parse("Straße, ĆEVAPI, 深色模式, ダーク-モード, हिन्दी"))
                .containsExactly("straße", "ćevapi", "深色模式", "ダーク-モード", "हिन्दी");
        assertThat(TagNames.parse("١٢٣, café")).containsExactly("١٢٣", "café");
        assertThat(TagNames.parse(" , ,")).isEmpty();
        assertThat(TagNames.normalize("  #Ｚｅｌｔ ")).isEqualTo("zelt");
    }

    @Test
    void refusesMalformedHostileAndTooManyTagsWithMessages() throws Exception {
        var session = customer();
        for (String bad : List.of(
                "a",
                "x".repeat(31),
                "dark mode",
                "-leading",
                "trailing-",
                "<script>alert(1)</script>",
                "<img src=x onerror=alert(1)>",
                "javascript:alert(1)",
                "zero\u200Bwidth",
                "right\u202Eto-left",
                "emoji🎉")) {
            String html = submit(session, "Bad tag " + m, "ok, " + bad)
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            var form = Jsoup.parse(html);
            assertThat(form.select("#tags-error").text()).as(bad).contains("cannot be a tag");
            assertThat(form.select("#tags").attr("aria-describedby")).contains("tags-error");
            assertThat(form.select("main script, main img")).isEmpty();
        }
        submit(session, "Too many " + m, "one, two, three, four, five, six")
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Please give at most 5 tags.")));
        submit(session, "Too long " + m, "tag,".repeat(2_500))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("at most 300 characters")));
        mvc.perform(newIdea(session, board, "Zu viele " + m, "Text")
                        .header("Accept-Language", "de")
                        .param("tags", "a,b"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("„a“ kann kein Schlagwort sein")));
        assertThat(jdbc.sql("select count(*) from ideas_idea where category_id = ?")
                        .param(board)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void naughtyStringsAreEitherValidTagsOrRefusedNeverAnError() throws Exception {
        for (String naughty : NaughtyStringsTests.naughtyStrings()) {
            try {
                assertThat(TagNames.parse(naughty))
                        .as(naughty)
                        .allMatch(tag -> tag.length() >= 2
                                && tag.codePointCount(0, tag.length()) <= 30
                                && !tag.contains("<")
                                && tag.equals(TagNames.normalize(tag)));
            } catch (TagNames.InvalidTags expected) {
                assertThat(expected.tag().codePointCount(0, expected.tag().length()))
                        .isLessThanOrEqualTo(41);
            }
        }
    }

    @Test
    void tagFilterCombinesWithBoardStatusAndSearchOnPageFeedCsvAndApi() throws Exception {
        UUID author = account("author", Role.CUSTOMER);
        UUID other = ideas.createCategory("other-" + m, "Other " + m, "", false);
        String tag = "t-" + m;
        long tent = ideas.submit(author, board, "Tent pegs " + m, "Stronger pegs.", List.of(tag, "gear"));
        long stove = ideas.submit(author, board, "Stove fuel " + m, "Refills.", List.of(tag));
        long elsewhere = ideas.submit(author, other, "Elsewhere " + m, "Other board.", List.of(tag));
        ideas.submit(author, board, "Untagged " + m, "No tag.");
        ideas.changeStatus(stove, IdeaStatus.PLANNED, "", account("staff", Role.STAFF));

        assertThat(titles(get("/ideas").param("tag", tag)))
                .containsExactlyInAnyOrder("Tent pegs " + m, "Stove fuel " + m, "Elsewhere " + m);
        assertThat(titles(get("/ideas").param("tag", "#T-" + m.toUpperCase()).param("category", slug)))
                .containsExactlyInAnyOrder("Tent pegs " + m, "Stove fuel " + m);
        assertThat(titles(get("/ideas").param("tag", tag).param("status", "PLANNED")))
                .containsExactly("Stove fuel " + m);
        assertThat(titles(get("/ideas").param("tag", tag).param("q", "pegs"))).containsExactly("Tent pegs " + m);
        assertThat(titles(get("/ideas").param("tag", "nothing-" + m))).isEmpty();

        mvc.perform(get("/ideas/feed.atom").param("tag", tag).param("category", slug))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/ideas/" + tent)))
                .andExpect(content().string(containsString("/ideas/" + stove)))
                .andExpect(content().string(not(containsString("/ideas/" + elsewhere + "<"))))
                .andExpect(content().string(not(containsString("Untagged " + m))));
        mvc.perform(get("/api/ideas").param("tag", tag).param("status", "NEW"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(
                        jsonPath("$.items[?(@.number == " + tent + ")].tags[0]").value("gear"));
        mvc.perform(get("/api/ideas/" + tent)).andExpect(jsonPath("$.tags[1]").value(tag));
        String csv = mvc.perform(get("/ideas/export.csv")
                        .session(logIn("staff", Role.STAFF))
                        .param("tag", tag)
                        .param("q", "pegs"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(csv.lines().toList()).hasSize(2);
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",tags,language");
        assertThat(csv).contains("Tent pegs " + m, "gear " + tag);
    }

    @Test
    void hostileTagFilterIsHarmless() throws Exception {
        String html = mvc.perform(get("/ideas").param("tag", "<script>alert(1)</script>"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(Jsoup.parse(html).select("main script")).isEmpty();
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        mvc.perform(get("/api/ideas").param("tag", "x".repeat(10_000)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/ideas/feed.atom").param("tag", "\u0000<&>")).andExpect(status().isOk());
        mvc.perform(get("/ideas").param("q", "\u0000").param("language", "\u0000de"))
                .andExpect(status().isOk());
    }

    @Test
    void popularTagsAreTheMostUsedTwentyAndLinkToTheirIdeas() throws Exception {
        UUID author = account("author", Role.CUSTOMER);
        String popular = "popular-" + m;
        for (int i = 0; i < 30; i++) {
            ideas.submit(author, board, "Popular " + i + " " + m, "Text", List.of(popular, "rare-" + i + "-" + m));
        }
        var tags = labels.popularTags();
        assertThat(tags).hasSizeLessThanOrEqualTo(20);
        assertThat(tags).isSortedAccordingTo((a, b) -> Integer.compare(b.uses(), a.uses()));
        assertThat(tags).contains(new IdeaLabels.TagCount(popular, 30));
        var page =
                Jsoup.parse(mvc.perform(get("/ideas")).andReturn().getResponse().getContentAsString());
        assertThat(page.select(".popular-tags a[rel=tag]").eachAttr("href")).contains("/ideas?tag=" + popular);
        var filtered = Jsoup.parse(mvc.perform(get("/ideas").param("tag", popular))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(filtered.select(".popular-tags a[aria-current=true]").text()).contains(popular);
        assertThat(filtered.select(".popular-tags [role=status]").text()).contains(popular);
    }

    @Test
    void staffEditTagsAndCustomersCannot() throws Exception {
        UUID author = account("author", Role.CUSTOMER);
        String old = "old-" + m;
        long number = ideas.submit(author, board, "Retag " + m, "Text", List.of(old, "kept-" + m));
        var customer = customer();
        mvc.perform(post("/ideas/" + number + "/tags")
                        .session(customer)
                        .with(csrf())
                        .param("tags", "hijacked"))
                .andExpect(status().isForbidden());
        assertThat(customerPage(customer, number).select("form#tags")).isEmpty();

        var staff = logIn("staff", Role.STAFF);
        assertThat(customerPage(staff, number)
                        .select("form#tags input[name=tags]")
                        .val())
                .isEqualTo("kept-" + m + ", " + old);
        mvc.perform(post("/ideas/" + number + "/tags")
                        .session(staff)
                        .with(csrf())
                        .param("tags", "Kept-" + m + ", new-" + m))
                .andExpect(flash().attribute("flash", "ideas.tag.saved"));
        assertThat(tags(number)).containsExactly("kept-" + m, "new-" + m);
        assertThat(uses(old)).isZero();
        assertThat(uses("kept-" + m)).isOne();
        assertThat(labels.popularTags()).extracting(IdeaLabels.TagCount::name).doesNotContain(old);

        mvc.perform(post("/ideas/" + number + "/tags")
                        .session(staff)
                        .with(csrf())
                        .param("tags", "<b>bold</b>"))
                .andExpect(flash().attribute("flashError", "ideas.tag.refused.INVALID"));
        mvc.perform(post("/ideas/" + number + "/tags")
                        .session(staff)
                        .with(csrf())
                        .param("tags", "a1,b2,c3,d4,e5,f6"))
                .andExpect(flash().attribute("flashError", "ideas.tag.refused.TOO_MANY"));
        mvc.perform(post("/ideas/" + number + "/tags")
                        .session(staff)
                        .with(csrf())
                        .param("tags", ""))
                .andExpect(flash().attribute("flash", "ideas.tag.saved"));
        assertThat(tags(number)).isEmpty();
        mvc.perform(post("/ideas/999999999/tags").session(staff).with(csrf()).param("tags", "x1"))
                .andExpect(status().isNotFound());
    }

    @Test
    void theServiceRefusesRetaggingByCustomers() {
        UUID author = account("author", Role.CUSTOMER);
        long number = ideas.submit(author, board, "Service " + m, "Text", List.of("kept-" + m));
        SignedInAccount customer = new SignedInAccount() {
            public UUID id() {
                return author;
            }

            public String displayName() {
                return "Customer";
            }

            public boolean hasRole(String role) {
                return role.equals(Role.CUSTOMER.name());
            }
        };
        assertThatThrownBy(() -> labels.retag(number, "taken", customer)).isInstanceOf(AccessDeniedException.class);
        assertThat(tags(number)).containsExactly("kept-" + m);
    }

    private org.springframework.test.web.servlet.ResultActions submit(
            MockHttpSession session, String title, String tags) throws Exception {
        return mvc.perform(newIdea(session, board, title, "Text").param("tags", tags));
    }

    private org.jsoup.nodes.Document customerPage(MockHttpSession session, long number) throws Exception {
        return Jsoup.parse(mvc.perform(get("/ideas/" + number).session(session))
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    private List<String> titles(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
            throws Exception {
        var html = mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return Jsoup.parse(html).select("#results .idea h2 a").eachText().stream()
                .filter(title -> title.endsWith(" " + m))
                .toList();
    }

    private List<String> tags(long number) {
        return jdbc.sql(
                        """
                        select t.name from ideas_idea_tag it join ideas_tag t on t.id = it.tag_id
                        join ideas_idea i on i.id = it.idea_id where i.number = ? order by t.name""")
                .param(number)
                .query(String.class)
                .list();
    }

    private int uses(String tag) {
        return jdbc.sql("select uses from ideas_tag where name = ?")
                .param(tag)
                .query(Integer.class)
                .single();
    }

    private MockHttpSession customer() throws Exception {
        return logIn("customer", Role.CUSTOMER);
    }
}
