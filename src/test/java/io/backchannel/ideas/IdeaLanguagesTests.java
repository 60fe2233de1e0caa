package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.ideas.internal.IdeaLabels;
import io.backchannel.ideas.internal.LanguageBackfill;
import io.backchannel.identity.Role;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class IdeaLanguagesTests extends IdeasIntegrationTest {

    static final String GERMAN = "Bitte fügt einen dunklen Modus zur App hinzu, nachts blendet der Bildschirm sehr.";
    static final String SPANISH = "Por favor, añadan un modo oscuro a la aplicación, por la noche la pantalla molesta.";
    static final String ENGLISH = "Please add a dark mode to the mobile app, the screen is far too bright at night.";

    @Autowired
    IdeaLabels labels;

    @Autowired
    LanguageBackfill backfill;

    UUID board;
    String slug;
    String m;

    @BeforeEach
    void board() {
        m = marker();
        slug = "lang-" + m;
        board = ideas.createCategory(slug, "Languages " + m, "", false);
    }

    @Test
    void submittedIdeaGetsItsLanguageShownTranslatedAndMarkedForScreenReaders() throws Exception {
        var session = logIn("author", Role.CUSTOMER);
        String location = mvc.perform(newIdea(session, board, "Dunkler Modus " + m, GERMAN))
                .andExpect(redirectedUrlPattern("/ideas/*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long number = Long.parseLong(location.substring("/ideas/".length()));
        assertThat(language(number)).isEqualTo("de");

        Document english = page(get(location).header("Accept-Language", "en"));
        assertThat(english.select("main h1").attr("lang")).isEqualTo("de");
        assertThat(english.select("main .prose").first().attr("lang")).isEqualTo("de");
        assertThat(english.select("main .tag.language").text()).isEqualTo("German");
        Document german = page(get(location).header("Accept-Language", "de"));
        assertThat(german.select("main .tag.language").text()).isEqualTo("Deutsch");
        Document list = page(get("/ideas").param("category", slug));
        assertThat(list.select("#results .idea h2").attr("lang")).isEqualTo("de");
        assertThat(list.select("#results .idea .tag.language").text()).isEqualTo("German");
    }

    @Test
    void tooShortIdeasAreUnknownAndShowNoLanguage() throws Exception {
        long number = ideas.submit(author(), board, "Ok " + m, "👍");
        assertThat(language(number)).isEqualTo("unknown");
        Document page = page(get("/ideas/" + number));
        assertThat(page.select("main h1").hasAttr("lang")).isFalse();
        assertThat(page.select("main .tag.language")).isEmpty();
        mvc.perform(get("/api/ideas/" + number))
                .andExpect(jsonPath("$.language").value("unknown"));
    }

    @Test
    void languageFilterOffersPresentLanguagesAndCombinesWithBoardStatusTagAndSearch() throws Exception {
        UUID author = author();
        UUID other = ideas.createCategory("other-" + m, "Other " + m, "", false);
        long german = ideas.submit(author, board, "Dunkler Modus " + m, GERMAN, List.of("dark-" + m));
        long spanish = ideas.submit(author, board, "Modo oscuro " + m, SPANISH, List.of("dark-" + m));
        long english = ideas.submit(author, board, "Dark mode " + m, ENGLISH);
        long germanElsewhere = ideas.submit(author, other, "Woanders " + m, GERMAN);
        ideas.changeStatus(german, IdeaStatus.PLANNED, "", staff());

        // Other test classes share the database: what is offered must be exactly the languages ideas have.
        assertThat(labels.languages())
                .contains("de", "es", "en")
                .doesNotContain("unknown")
                .containsExactlyInAnyOrderElementsOf(jdbc.sql(
                                "select distinct language from ideas_idea where language is not null and language <> 'unknown'")
                        .query(String.class)
                        .list());
        Document list = page(get("/ideas"));
        assertThat(list.select("select#language option").eachAttr("value")).contains("", "de", "es", "en");
        assertThat(list.select("select#language option[value=es]").text()).isEqualTo("Spanish");
        assertThat(list.select("select#language option[value=es]").attr("lang")).isEqualTo("es");
        assertThat(list.select("select#language option").eachAttr("value").stream()
                        .filter(value -> !value.isEmpty())
                        .toList())
                .containsExactlyInAnyOrderElementsOf(labels.languages());

        assertThat(titles(get("/ideas").param("language", "de")))
                .containsExactlyInAnyOrder("Dunkler Modus " + m, "Woanders " + m);
        assertThat(titles(get("/ideas").param("language", "de").param("category", slug)))
                .containsExactly("Dunkler Modus " + m);
        assertThat(titles(get("/ideas").param("language", "de").param("status", "NEW")))
                .containsExactly("Woanders " + m);
        assertThat(titles(get("/ideas").param("language", "es").param("tag", "dark-" + m)))
                .containsExactly("Modo oscuro " + m);
        assertThat(titles(get("/ideas").param("language", "en").param("q", "dark")))
                .containsExactly("Dark mode " + m);
        assertThat(titles(get("/ideas").param("language", "es").param("q", "Woanders")))
                .isEmpty();

        mvc.perform(get("/ideas/feed.atom").param("language", "es").param("category", slug))
                .andExpect(content().string(containsString("/ideas/" + spanish + "<")))
                .andExpect(content().string(not(containsString("/ideas/" + german + "<"))))
                .andExpect(content().string(not(containsString("/ideas/" + english + "<"))));
        mvc.perform(get("/api/ideas").param("language", "de").param("category", "other-" + m))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].number").value(germanElsewhere))
                .andExpect(jsonPath("$.items[0].language").value("de"));
        String csv = mvc.perform(get("/ideas/export.csv")
                        .session(logIn("staff", Role.STAFF))
                        .param("language", "en")
                        .param("category", slug))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(csv.lines().toList()).hasSize(2);
        assertThat(csv.lines().toList().get(1)).contains("Dark mode " + m).endsWith(",en");
    }

    @Test
    void hostileLanguageFilterIsHarmless() throws Exception {
        String html = mvc.perform(get("/ideas").param("language", "\"><script>alert(1)</script>"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(Jsoup.parse(html).select("main script")).isEmpty();
        assertThat(html).doesNotContain("<script>alert(1)");
        mvc.perform(get("/api/ideas").param("language", "x".repeat(10_000)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/ideas/export.csv").param("language", "de")).andExpect(status().is3xxRedirection());
    }

    @Test
    void ideasWithoutALanguageAreDetectedByTheBackfill() {
        long number = ideas.submit(author(), board, "Modo oscuro " + m, SPANISH);
        jdbc.sql("update ideas_idea set language = null where number = ?")
                .param(number)
                .update();
        assertThat(backfill.detectMissing()).isPositive();
        assertThat(language(number)).isEqualTo("es");
        assertThat(backfill.detectMissing()).isZero();
    }

    private List<String> titles(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
            throws Exception {
        return page(request).select("#results .idea h2 a").eachText().stream()
                .filter(title -> title.endsWith(" " + m))
                .toList();
    }

    private Document page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
            throws Exception {
        return Jsoup.parse(mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    private String language(long number) {
        return jdbc.sql("select language from ideas_idea where number = ?")
                .param(number)
                .query(String.class)
                .single();
    }

    private UUID author() {
        return account("author", Role.CUSTOMER);
    }

    private UUID staff() {
        return account("staff", Role.STAFF);
    }
}
