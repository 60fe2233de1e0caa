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
import io.backchannel.channels.internal.ConnectorKind;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The admin form of the connectors that call a platform's API (X, Facebook, LinkedIn, Mastodon, Bluesky search):
 * labelled fields, checked accounts, tokens never shown.
 */
@IntegrationTest
class PlatformConnectorPagesTests {

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

    MockHttpServletRequestBuilder create(String kind, String account, String query, String url, String token) {
        return post("/admin/channels")
                .session(admin)
                .with(csrf())
                .param("kind", kind)
                .param("name", kind + " " + UUID.randomUUID())
                .param("account", account)
                .param("query", query)
                .param("url", url)
                .param("secret", token)
                .param("intervalMinutes", "10");
    }

    @Test
    void anAdminAddsAnXConnectorWhoseTokenIsStoredSealedAndNeverShownBack() throws Exception {
        mvc.perform(get("/admin/channels").session(admin))
                .andExpect(content().string(Matchers.containsString("/admin/channels/new?kind=X")))
                .andExpect(content().string(Matchers.containsString("Facebook page (Graph API)")))
                .andExpect(content().string(Matchers.containsString("LinkedIn organisation")));
        mvc.perform(get("/admin/channels/new").param("kind", "X").session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("User id of the company&#39;s X account")))
                .andExpect(content().string(Matchers.containsString("Access token")));

        String token = "AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid-secret-" + UUID.randomUUID();
        var created = mvc.perform(create("X", "2244994945", "backchannel lang:de", "", token))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        UUID id = UUID.fromString(created.getResponse().getRedirectedUrl().replaceAll(".*/", ""));
        Connector x = connectors.get(id);
        assertThat(x.kind()).isEqualTo(ConnectorKind.X);
        assertThat(x.hasCredentials()).isTrue();
        assertThat(x.setting(Connector.ACCOUNT)).isEqualTo("2244994945");
        assertThat(x.setting(Connector.QUERY)).isEqualTo("backchannel lang:de");
        assertThat(x.intervalMinutes()).isEqualTo(10);
        assertThat(connectors.secret(id)).contains(token);
        assertThat(x.settings().values()).noneMatch(value -> value.contains(token));

        mvc.perform(get("/admin/channels/{id}", id).session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("backchannel lang:de")))
                .andExpect(content().string(Matchers.not(Matchers.containsString(token))));
    }

    @Test
    void accountsOfTheWrongShapeAndHostileAddressesAreRefusedNextToTheField() throws Exception {
        mvc.perform(create("X", "", "", "", ""))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "account", "channels.x.account-or-query"));
        mvc.perform(create("X", "@backchannel", "", "", ""))
                .andExpect(model().attributeHasFieldErrorCode("form", "account", "channels.x.account-invalid"));
        mvc.perform(create("FACEBOOK", "../me/feed", "", "javascript:alert(1)", ""))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "account", "channels.facebook.account-invalid"))
                .andExpect(model().attributeHasFieldErrorCode("form", "url", "channels.admin.url-invalid"))
                .andExpect(content().string(Matchers.containsString("aria-describedby=\"account-error\"")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("<script>"))));
        mvc.perform(create("LINKEDIN", "urn:li:person:123", "", "", ""))
                .andExpect(model().attributeHasFieldErrorCode("form", "account", "channels.linkedin.account-invalid"));
        mvc.perform(create("LINKEDIN", "x".repeat(10_000), "", "", ""))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "account", "Size"));
        mvc.perform(create("FACEBOOK", "1061234", "", "", "short"))
                .andExpect(model().attributeHasFieldErrorCode("form", "secret", "channels.admin.secret-short"));

        var created = mvc.perform(create("LINKEDIN", "urn:li:organization:2414183", "", "", ""))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        UUID id = UUID.fromString(created.getResponse().getRedirectedUrl().replaceAll(".*/", ""));
        assertThat(connectors.get(id).hasCredentials()).isFalse();
    }

    @Test
    void staffAndCustomersCannotConfigurePlatformConnectors() throws Exception {
        MockHttpSession staff = TestAccounts.login(mvc, TestAccounts.create(identity, "staff", Role.STAFF));
        MockHttpSession customer = TestAccounts.login(mvc, TestAccounts.create(identity, "customer"));
        for (MockHttpSession session : new MockHttpSession[] {staff, customer}) {
            mvc.perform(get("/admin/channels/new").param("kind", "FACEBOOK").session(session))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/admin/channels")
                            .session(session)
                            .with(csrf())
                            .param("kind", "FACEBOOK")
                            .param("name", "sneaky")
                            .param("account", "1061234"))
                    .andExpect(status().isForbidden());
        }
    }

    static final String TOKEN = "tok_" + "9f8e7d6c5b4a39281706";

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
