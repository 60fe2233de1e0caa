package io.backchannel.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.Connectors;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Admins configure the Mastodon and Bluesky search connectors; their tokens are never shown back. */
@IntegrationTest
class SignInConnectorPagesTests {

    static final String TOKEN = "tok_" + "9f8e7d6c5b4a39281706";

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityManagement identity;

    @Autowired
    Connectors connectors;

    MockHttpSession admin;

    @BeforeEach
    void logIn() throws Exception {
        admin = TestAccounts.login(mvc, TestAccounts.create(identity, "admin", Role.ADMIN));
    }

    @Test
    void theNewKindsAreOfferedWithLabelledFields() throws Exception {
        mvc.perform(get("/admin/channels").session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("kind=MASTODON")))
                .andExpect(content().string(Matchers.containsString("Bluesky (search)")));
        mvc.perform(get("/admin/channels/new").param("kind", "MASTODON").session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Instance address")))
                .andExpect(content().string(Matchers.containsString("Hear mentions of the account")))
                .andExpect(content().string(Matchers.containsString("<label for=\"secret\">Access token</label>")));
        mvc.perform(get("/admin/channels/new")
                        .param("kind", "BLUESKY_SEARCH")
                        .header("Accept-Language", "de")
                        .session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("App-Passwort")));
    }

    @Test
    void aMastodonConnectorNeedsAnInstanceSomethingToHearAndAToken() throws Exception {
        mvc.perform(post("/admin/channels")
                        .session(admin)
                        .with(csrf())
                        .param("kind", "MASTODON")
                        .param("name", "Mastodon " + UUID.randomUUID())
                        .param("url", "javascript:alert(1)")
                        .param("hashtags", "<script>alert(1)</script>")
                        .param("intervalMinutes", "5"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "url", "channels.admin.url-invalid"))
                .andExpect(model().attributeHasFieldErrorCode("form", "hashtags", "channels.mastodon.hashtags-invalid"))
                .andExpect(model().attributeHasFieldErrorCode("form", "secret", "validation.required"))
                .andExpect(content().string(Matchers.not(Matchers.containsString("<script>alert(1)"))));
        mvc.perform(post("/admin/channels")
                        .session(admin)
                        .with(csrf())
                        .param("kind", "MASTODON")
                        .param("name", "Mastodon " + UUID.randomUUID())
                        .param("url", "https://social.example")
                        .param("secret", TOKEN)
                        .param("intervalMinutes", "5"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "query", "channels.mastodon.nothing-to-hear"));

        var created = mvc.perform(post("/admin/channels")
                        .session(admin)
                        .with(csrf())
                        .param("kind", "MASTODON")
                        .param("name", "Mastodon " + UUID.randomUUID())
                        .param("url", "https://social.example/")
                        .param("account", "support@social.example")
                        .param("mentions", "true")
                        .param("hashtags", "#Backchannel, routerhilfe")
                        .param("streaming", "true")
                        .param("secret", TOKEN)
                        .param("intervalMinutes", "5"))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        UUID id = UUID.fromString(created.getResponse().getRedirectedUrl().replaceAll(".*/", ""));
        Connector connector = connectors.get(id);
        assertThat(connector.settings())
                .containsEntry(Connector.URL, "https://social.example/")
                .containsEntry(Connector.MENTIONS, "true")
                .containsEntry(Connector.STREAMING, "true")
                .containsEntry(Connector.HASHTAGS, "#Backchannel, routerhilfe");
        assertThat(connectors.secret(id)).contains(TOKEN);
        mvc.perform(get("/admin/channels/{id}", id).session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("support@social.example")))
                .andExpect(content().string(Matchers.not(Matchers.containsString(TOKEN))));

        mvc.perform(post("/admin/channels/{id}", id)
                        .session(admin)
                        .with(csrf())
                        .param("kind", "MASTODON")
                        .param("name", connector.name())
                        .param("url", "https://social.example/")
                        .param("mentions", "true")
                        .param("secret", "")
                        .param("intervalMinutes", "10"))
                .andExpect(status().is3xxRedirection());
        assertThat(connectors.secret(id)).contains(TOKEN);
        assertThat(connectors.get(id).setting(Connector.STREAMING)).isEqualTo("false");
    }

    @Test
    void aBlueskySearchConnectorNeedsAHandleASearchAndAnAppPassword() throws Exception {
        mvc.perform(post("/admin/channels")
                        .session(admin)
                        .with(csrf())
                        .param("kind", "BLUESKY_SEARCH")
                        .param("name", "Bluesky " + UUID.randomUUID())
                        .param("url", "https://bsky.social")
                        .param("query", "q".repeat(10_000))
                        .param("intervalMinutes", "5"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "account", "validation.required"))
                .andExpect(model().attributeHasFieldErrors("form", "query"))
                .andExpect(model().attributeHasFieldErrorCode("form", "secret", "validation.required"));
        var created = mvc.perform(post("/admin/channels")
                        .session(admin)
                        .with(csrf())
                        .param("kind", "BLUESKY_SEARCH")
                        .param("name", "Bluesky " + UUID.randomUUID())
                        .param("url", "https://bsky.social")
                        .param("account", "support.example.com")
                        .param("query", "backchannel lang:de")
                        .param("secret", "abcd-efgh-ijkl-mnop")
                        .param("intervalMinutes", "5"))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        UUID id = UUID.fromString(created.getResponse().getRedirectedUrl().replaceAll(".*/", ""));
        assertThat(connectors.get(id).settings())
                .containsEntry(Connector.ACCOUNT, "support.example.com")
                .containsEntry(Connector.QUERY, "backchannel lang:de");
        mvc.perform(get("/admin/channels/{id}", id).session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("abcd-efgh-ijkl-mnop"))));
    }
}
