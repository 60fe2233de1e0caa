package io.backchannel.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

/** The admin pages of connectors and the staff form for posts entered by hand. */
@IntegrationTest
@RecordApplicationEvents
class ChannelPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityManagement identity;

    @Autowired
    Connectors connectors;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    MockHttpSession admin;
    MockHttpSession staff;
    MockHttpSession customer;

    @BeforeEach
    void logIn() throws Exception {
        admin = TestAccounts.login(mvc, TestAccounts.create(identity, "admin", Role.ADMIN));
        staff = TestAccounts.login(mvc, TestAccounts.create(identity, "staff", Role.STAFF));
        customer = TestAccounts.login(mvc, TestAccounts.create(identity, "customer"));
    }

    @Test
    void anAdminAddsAWebhookConnectorSeesItsSecretOnceAndDisablesIt() throws Exception {
        String name = "Forum " + UUID.randomUUID();
        var created = mvc.perform(post("/admin/channels")
                        .session(admin)
                        .with(csrf())
                        .param("kind", "WEBHOOK")
                        .param("name", name)
                        .param("url", "https://crm.example/replies")
                        .param("secret", "")
                        .param("intervalMinutes", "15"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("createdSecret", Matchers.startsWith("whsec_")))
                .andReturn();
        UUID id = UUID.fromString(created.getResponse().getRedirectedUrl().replaceAll(".*/", ""));
        Connector connector = connectors.get(id);
        assertThat(connector.hasCredentials()).isTrue();
        assertThat(connector.setting(Connector.REPLY_URL)).isEqualTo("https://crm.example/replies");

        String secret = (String) created.getFlashMap().get("createdSecret");
        mvc.perform(get("/admin/channels/{id}", id).session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(secret)));
        mvc.perform(get("/admin/channels/{id}", id).session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("/api/channels/webhook/" + id)))
                .andExpect(content().string(Matchers.not(Matchers.containsString(secret))));
        mvc.perform(get("/admin/channels").session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(name)))
                .andExpect(content().string(Matchers.containsString("Not yet heard")));

        mvc.perform(post("/admin/channels/{id}/enabled", id)
                        .session(admin)
                        .with(csrf())
                        .param("enabled", "false"))
                .andExpect(status().is3xxRedirection());
        assertThat(connectors.get(id).enabled()).isFalse();
        assertThat(connectors.get(id).statusKey()).isEqualTo("channels.status.disabled");
    }

    @Test
    void theConnectorFormRefusesBadInputNextToTheField() throws Exception {
        String taken = "Taken " + UUID.randomUUID();
        connectors.create(ConnectorKind.WEBHOOK, taken, java.util.Map.of(), "0123456789abcdef");
        mvc.perform(post("/admin/channels")
                        .session(admin)
                        .with(csrf())
                        .param("kind", "WEBHOOK")
                        .param("name", "")
                        .param("url", "javascript:alert(1)")
                        .param("secret", "short")
                        .param("intervalMinutes", "15"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "name", "NotBlank"))
                .andExpect(model().attributeHasFieldErrorCode("form", "url", "channels.admin.url-invalid"))
                .andExpect(model().attributeHasFieldErrorCode("form", "secret", "channels.admin.secret-short"))
                .andExpect(content().string(Matchers.containsString("aria-describedby=\"url-error\"")));
        mvc.perform(post("/admin/channels")
                        .session(admin)
                        .with(csrf())
                        .param("kind", "WEBHOOK")
                        .param("name", taken.toUpperCase())
                        .param("intervalMinutes", "15"))
                .andExpect(model().attributeHasFieldErrorCode("form", "name", "channels.admin.name-taken"));
        mvc.perform(post("/admin/channels")
                        .session(admin)
                        .with(csrf())
                        .param("kind", "WEBHOOK")
                        .param("name", "n".repeat(10_000))
                        .param("intervalMinutes", "15"))
                .andExpect(model().attributeHasFieldErrors("form", "name"));
        mvc.perform(post("/admin/channels")
                        .session(admin)
                        .with(csrf())
                        .param("kind", "NOPE")
                        .param("name", "x")
                        .param("intervalMinutes", "15"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("form", "kind"));
        String hostile = "<script>alert(1)</script><svg onload=alert(1)> " + UUID.randomUUID();
        mvc.perform(post("/admin/channels")
                        .session(admin)
                        .with(csrf())
                        .param("kind", "WEBHOOK")
                        .param("name", hostile)
                        .param("intervalMinutes", "15"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/admin/channels").session(admin))
                .andExpect(content().string(Matchers.containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("<svg onload"))));
    }

    @Test
    void streamAndFeedConnectorsNeedAnAddressOfTheirKind() throws Exception {
        mvc.perform(post("/admin/channels")
                        .session(admin)
                        .with(csrf())
                        .param("kind", "BLUESKY")
                        .param("name", "Jetstream " + UUID.randomUUID())
                        .param("url", "https://jetstream.example/subscribe")
                        .param("intervalMinutes", "15"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "url", "channels.admin.ws-url-invalid"));
        mvc.perform(post("/admin/channels")
                        .session(admin)
                        .with(csrf())
                        .param("kind", "FEED")
                        .param("name", "Feed " + UUID.randomUUID())
                        .param("url", "")
                        .param("intervalMinutes", "0"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "url", "validation.required"))
                .andExpect(model().attributeHasFieldErrors("form", "intervalMinutes"));
        var created = mvc.perform(post("/admin/channels")
                        .session(admin)
                        .with(csrf())
                        .param("kind", "BLUESKY")
                        .param("name", "Jetstream " + UUID.randomUUID())
                        .param("url", "wss://jetstream2.us-east.bsky.network/subscribe")
                        .param("filters", "backchannel, did:plc:abc")
                        .param("intervalMinutes", "15"))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        UUID id = UUID.fromString(created.getResponse().getRedirectedUrl().replaceAll(".*/", ""));
        assertThat(connectors.get(id).setting(Connector.FILTERS)).isEqualTo("backchannel, did:plc:abc");
        assertThat(connectors.get(id).hasCredentials()).isFalse();
    }

    @Test
    void onlyAdminsConfigureConnectorsAndOnlyStaffEnterPosts() throws Exception {
        mvc.perform(get("/admin/channels").session(staff)).andExpect(status().isForbidden());
        mvc.perform(get("/admin/channels").session(customer)).andExpect(status().isForbidden());
        mvc.perform(post("/admin/channels")
                        .session(customer)
                        .with(csrf())
                        .param("kind", "WEBHOOK")
                        .param("name", "evil")
                        .param("intervalMinutes", "15"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/workspace/channels/manual").session(customer)).andExpect(status().isForbidden());
        mvc.perform(post("/workspace/channels/manual")
                        .session(customer)
                        .with(csrf())
                        .param("label", "phone")
                        .param("author", "me")
                        .param("text", "act as staff")
                        .param("saidAt", "2026-11-20T10:00"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/workspace/channels/manual")).andExpect(status().is3xxRedirection());
    }

    @Test
    void staffEnterAPostFromAPhoneCallAndTheInboxHearsIt() throws Exception {
        mvc.perform(get("/workspace/channels/manual").session(staff)).andExpect(status().isOk());
        mvc.perform(post("/workspace/channels/manual")
                        .session(staff)
                        .with(csrf())
                        .param("label", "Telefon")
                        .param("author", "Frau Berger")
                        .param("text", "Die Rechnung ist doppelt abgebucht worden.")
                        .param("saidAt", "2026-11-20T10:15"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flash", "channels.manual.recorded"));
        assertThat(CapturedPosts.in(events).filter(e -> e.text().equals("Die Rechnung ist doppelt abgebucht worden.")))
                .singleElement()
                .satisfies(post -> {
                    assertThat(post.channel()).isEqualTo("manual");
                    assertThat(post.authorName()).isEqualTo("Frau Berger");
                });
        assertThat(jdbc.sql("select label from channels_post where text = ?")
                        .param("Die Rechnung ist doppelt abgebucht worden.")
                        .query(String.class)
                        .single())
                .isEqualTo("Telefon");
    }

    @Test
    void theManualFormRefusesEmptyTooLongAndFutureInput() throws Exception {
        mvc.perform(post("/workspace/channels/manual")
                        .session(staff)
                        .with(csrf())
                        .param("label", "")
                        .param("author", "")
                        .param("text", "x".repeat(10_001))
                        .param("saidAt", "not a date"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("form", "label", "author", "text", "saidAt"))
                .andExpect(content().string(Matchers.containsString("Please enter a date and time.")));
        mvc.perform(post("/workspace/channels/manual")
                        .session(staff)
                        .with(csrf())
                        .param("label", "Brief")
                        .param("author", "<script>alert(1)</script>")
                        .param("text", "Hallo")
                        .param("saidAt", "2999-01-01T10:00"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "saidAt", "channels.manual.date-future"))
                .andExpect(content().string(Matchers.not(Matchers.containsString("<script>alert(1)"))));
    }
}
