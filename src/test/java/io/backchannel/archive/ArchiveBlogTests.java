package io.backchannel.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.blog.internal.BlogEditor;
import io.backchannel.blog.internal.BlogEditor.Action;
import io.backchannel.blog.internal.BlogEditor.Draft;
import io.backchannel.identity.Role;
import io.backchannel.system.Signatures;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the company says on its blog reaches the archive through the blog module's events, without being asked. */
@IntegrationTest
class ArchiveBlogTests extends ArchiveIntegrationTest {

    @Autowired
    BlogEditor editor;

    @Autowired
    Signatures signatures;

    private ArchivedItems archived() {
        return new ArchivedItems(jdbc);
    }

    @Test
    void postsTheirEditsAndTranslationsAreArchivedAsVersions() throws Exception {
        String marker = marker();
        UUID staff = TestAccounts.id(jdbc, TestAccounts.create(identity, "Writer " + marker, Role.STAFF));
        var draft = new Draft("en", "launch-" + marker, "Launch " + marker, "Short.", "Version one.", "news", "", null);
        long number = editor.create(draft, Action.PUBLISH, staff);
        String source = "post-" + postId(number);

        var first = archived().await(source);
        assertThat(first.kind()).isEqualTo("OWN_POST");
        assertThat(first.platform()).isEqualTo("backchannel-blog");
        assertThat(first.author()).isEqualTo("Writer " + marker);
        assertThat(first.text()).isEqualTo("Launch " + marker + "\n\nShort.\n\nVersion one.");
        assertThat(first.url()).endsWith("/blog/en/launch-" + marker);

        editor.update(number, version(number), withBody(draft, "Version two."), Action.PUBLISH, false, staff);
        assertThat(archived().await(source, 2))
                .extracting(ArchivedItems.Held::text)
                .containsExactly(
                        "Launch " + marker + "\n\nShort.\n\nVersion one.",
                        "Launch " + marker + "\n\nShort.\n\nVersion two.");

        long translation = editor.translate(number, "de", staff);
        var german = new Draft("de", "start-" + marker, "Start " + marker, "Kurz.", "Fassung eins.", "news", "", null);
        editor.update(translation, version(translation), german, Action.PUBLISH, true, staff);
        var translated = archived().await("post-" + postId(translation));
        assertThat(translated.language()).isEqualTo("de");
        assertThat(translated.text()).contains("Fassung eins.");

        editor.update(number, version(number), withBody(draft, "Version two."), Action.WITHDRAW, false, staff);
        for (int i = 0; i < 100 && deletedAtSource(source) == null; i++) {
            Thread.sleep(100);
        }
        assertThat(deletedAtSource(source))
                .as("a withdrawn post left its public page")
                .isNotNull();
        assertThat(archived().await(source, 2)).hasSize(2);
    }

    @Test
    void publicCommentsAndIncidentUpdatesInEachLanguageAreArchived() throws Exception {
        String marker = marker();
        UUID staff = TestAccounts.id(jdbc, TestAccounts.create(identity, "Desk " + marker, Role.STAFF));
        String slug = "comments-" + marker;
        editor.create(
                new Draft("en", slug, "Talk " + marker, "", "Say something.", "news", "", null), Action.PUBLISH, staff);
        String data = Long.toString(Instant.now().minusSeconds(30).toEpochMilli());
        mvc.perform(post("/blog/en/" + slug + "/comments")
                        .with(csrf())
                        .param("body", "Nice <script>alert(1)</script> " + marker)
                        .param("name", "Guest " + marker)
                        .param("email", "guest-" + marker + "@example.com")
                        .param("website", "")
                        .param("stamp", data + "." + signatures.sign("blog-comment-form", data)))
                .andExpect(status().is3xxRedirection());
        UUID comment = jdbc.sql("select c.id from blog_comment c join blog_post p on p.id = c.post_id where p.slug = ?")
                .param(slug)
                .query(UUID.class)
                .single();
        var held = archived().await("comment-" + comment);
        assertThat(held.kind()).isEqualTo("COMMENT");
        assertThat(held.author()).isEqualTo("Guest " + marker);
        assertThat(held.text()).isEqualTo("Nice <script>alert(1)</script> " + marker);
        assertThat(held.url()).endsWith("/blog/en/" + slug + "#comment-" + comment);

        var session = TestAccounts.login(mvc, TestAccounts.create(identity, "Incident " + marker, Role.STAFF));
        mvc.perform(post("/workspace/blog/incidents")
                        .session(session)
                        .with(csrf())
                        .param("kind", "OUTAGE")
                        .param("status", "INVESTIGATING")
                        .param("title-en", "Outage " + marker)
                        .param("summary-en", "Logins fail " + marker)
                        .param("title-de", "Ausfall " + marker)
                        .param("summary-de", "Anmeldungen scheitern " + marker))
                .andExpect(status().is3xxRedirection());
        UUID update = jdbc.sql("select u.id from blog_incident_update u join blog_incident_text t"
                        + " on t.incident_id = u.incident_id where t.title = ?")
                .param("Outage " + marker)
                .query(UUID.class)
                .single();
        var english = archived().await("incident-update-" + update + "-en");
        assertThat(english.kind()).isEqualTo("OWN_POST");
        assertThat(english.text()).contains("Outage " + marker, "INVESTIGATING", "Logins fail " + marker);
        var inGerman = archived().await("incident-update-" + update + "-de");
        assertThat(inGerman.language()).isEqualTo("de");
        assertThat(inGerman.text()).contains("Ausfall " + marker, "Anmeldungen scheitern " + marker);
    }

    private static Draft withBody(Draft draft, String body) {
        return new Draft(
                draft.language(),
                draft.slug(),
                draft.title(),
                draft.summary(),
                body,
                draft.category(),
                draft.tags(),
                draft.publishAt());
    }

    private UUID postId(long number) {
        return jdbc.sql("select id from blog_post where number = ?")
                .param(number)
                .query(UUID.class)
                .single();
    }

    private int version(long number) {
        return jdbc.sql("select version from blog_post where number = ?")
                .param(number)
                .query(Integer.class)
                .single();
    }

    private Instant deletedAtSource(String source) {
        return jdbc.sql("select max(deleted_at_source) from archive_item where source_id = ?")
                .param(source)
                .query(Instant.class)
                .optional()
                .orElse(null);
    }
}
