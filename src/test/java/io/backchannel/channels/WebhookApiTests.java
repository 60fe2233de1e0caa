package io.backchannel.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.Connectors;
import io.backchannel.channels.internal.Posts;
import io.backchannel.system.WebhookSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/** The inbound webhook: signed deliveries become posts once; everything else is a clear, translated refusal. */
@IntegrationTest
class WebhookApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Connectors connectors;

    @Autowired
    Posts posts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    UUID connector;
    String secret;

    @BeforeEach
    void createConnector() {
        secret = "whsec_" + UUID.randomUUID();
        connector = connectors.create(ConnectorKind.WEBHOOK, "inbound " + UUID.randomUUID(), Map.of(), secret);
    }

    static String body(String id, String text) {
        return """
                {"id": "%s", "inReplyTo": null, "author": {"handle": "@kunde", "name": "Kundin"},
                 "text": "%s", "url": "https://forum.example/t/1", "language": "de",
                 "postedAt": "2026-11-21T08:30:00+01:00"}"""
                .formatted(id, text);
    }

    ResultActions deliver(byte[] body) throws Exception {
        long timestamp = Instant.now().getEpochSecond();
        return deliver(body, timestamp, WebhookSignatures.sign(secret, timestamp, body));
    }

    ResultActions deliver(byte[] body, long timestamp, String signature) throws Exception {
        return mvc.perform(post("/api/channels/webhook/{id}", connector)
                .contentType(MediaType.APPLICATION_JSON)
                .header(WebhookSignatures.TIMESTAMP, Long.toString(timestamp))
                .header(WebhookSignatures.SIGNATURE, signature)
                .content(body));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSignedDeliveryBecomesAPostOnceAndARepeatIsADuplicate() throws Exception {
        byte[] body = utf8(body("m-1", "Mein Router ist seit gestern kaputt!"));
        deliver(body)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.duplicate").value(false));
        deliver(body)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.duplicate").value(true));
        assertThat(posts.count(connector)).isEqualTo(1);
        assertThat(told()).singleElement().satisfies(post -> {
            assertThat(post.authorHandle()).isEqualTo("@kunde");
            assertThat(post.authorName()).isEqualTo("Kundin");
            assertThat(post.postedAt()).isEqualTo(Instant.parse("2026-11-21T07:30:00Z"));
            assertThat(post.channel()).isEqualTo("webhook");
        });
        assertThat(connectors.get(connector).lastSuccessAt()).isNotNull();
    }

    /**
     * A delivery passes the lean chain of signed requests: no session is made for it, even when the sender keeps
     * cookies, and the JSON API's security headers are still written. Other methods on the path need a login.
     */
    @Test
    void aDeliveryMakesNoSessionAndOtherMethodsNeedALogin() throws Exception {
        var result = deliver(utf8(body("m-session", "Hallo")))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Content-Security-Policy", "default-src 'none'"))
                .andExpect(header().doesNotExist("Set-Cookie"))
                .andReturn();
        assertThat(result.getRequest().getSession(false)).isNull();
        mvc.perform(get("/api/channels/webhook/{id}", connector)).andExpect(status().isUnauthorized());
    }

    /**
     * The posts told for this test's connector, read from the event log: deliveries are stored (and told) by the
     * capture queue's own thread, which the test's recorded events do not see.
     */
    private List<PostCaptured> told() {
        return jdbc
                .sql("select serialized_event from event_publication where event_type = ?")
                .param(PostsCaptured.class.getName())
                .query(String.class)
                .list()
                .stream()
                .distinct()
                .flatMap(event -> json.readValue(event, PostsCaptured.class).posts().stream())
                .filter(post -> post.connectorId().equals(connector))
                .toList();
    }

    @Test
    void refusesAWrongOrMissingSignature() throws Exception {
        byte[] body = utf8(body("m-2", "Hallo"));
        long now = Instant.now().getEpochSecond();
        deliver(body, now, WebhookSignatures.sign("another-secret", now, body))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.reason").value("channels.webhook.bad-signature"));
        mvc.perform(post("/api/channels/webhook/{id}", connector)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isUnauthorized());
        byte[] altered = utf8(body("m-2", "Hallo!"));
        deliver(altered, now, WebhookSignatures.sign(secret, now, body)).andExpect(status().isUnauthorized());
        assertThat(posts.count(connector)).isZero();
    }

    @Test
    void refusesAReplayOlderThanFiveMinutes() throws Exception {
        byte[] body = utf8(body("m-3", "Hallo"));
        long old = Instant.now().minusSeconds(6 * 60).getEpochSecond();
        deliver(body, old, WebhookSignatures.sign(secret, old, body))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("five minutes")));
    }

    @Test
    void refusesInvalidUtf8MalformedJsonAndMissingFieldsWithClear400s() throws Exception {
        byte[] invalid = utf8(body("m-4", "caf\\u00e9"));
        invalid[invalid.length - 3] = (byte) 0xC3;
        invalid[invalid.length - 2] = (byte) 0x28;
        deliver(invalid)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.reason").value("channels.webhook.not-utf8"));
        deliver(utf8("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.reason").value("channels.webhook.not-json"));
        deliver(utf8("[1,2]")).andExpect(status().isBadRequest());
        deliver(utf8("{\"id\":\"x\",\"author\":{\"handle\":\"a\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.reason").value("channels.webhook.missing"))
                .andExpect(jsonPath("$.field").value("text"));
        deliver(utf8("{\"id\":\"x\",\"text\":\"hi\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("author.handle"));
        deliver(utf8("{\"id\":\"x\",\"text\":{\"a\":1},\"author\":{\"handle\":\"a\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.reason").value("channels.webhook.not-text"));
        deliver(utf8(body("m-5", "hi").replace("2026-11-21T08:30:00+01:00", "yesterday")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("postedAt"));
        deliver(utf8(body("m-6", "hi").replace("https://forum.example/t/1", "javascript:alert(1)")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("url"));
        deliver(utf8("")).andExpect(status().isBadRequest());
        assertThat(posts.count(connector)).isZero();
    }

    @Test
    void refusesAHugeTextAndAnOversizedBodyButKeepsHostileMarkupAsPlainText() throws Exception {
        deliver(utf8(body("m-7", "x".repeat(10_001))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.reason").value("channels.webhook.text-too-long"));
        deliver(utf8(body("m-8", "y".repeat(300_000)))).andExpect(status().isContentTooLarge());
        deliver(utf8(body("m-9", "<script>alert(1)</script><img src=x onerror=alert(1)> \\u0000 ok")))
                .andExpect(status().isAccepted());
        assertThat(jdbc.sql("select text from channels_post where connector_id = ? and external_id = 'm-9'")
                        .param(connector)
                        .query(String.class)
                        .single())
                .isEqualTo("<script>alert(1)</script><img src=x onerror=alert(1)>  ok");
    }

    @Test
    void answersInGermanForAGermanSender() throws Exception {
        byte[] body = utf8("{}");
        long now = Instant.now().getEpochSecond();
        mvc.perform(post("/api/channels/webhook/{id}", connector)
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Accept-Language", "de")
                        .header(WebhookSignatures.TIMESTAMP, Long.toString(now))
                        .header(WebhookSignatures.SIGNATURE, WebhookSignatures.sign(secret, now, body))
                        .content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Ein Pflichtfeld fehlt oder ist leer."));
    }

    @Test
    void unknownOrDisabledConnectorsAreRefused() throws Exception {
        byte[] body = utf8(body("m-10", "Hallo"));
        long now = Instant.now().getEpochSecond();
        mvc.perform(post("/api/channels/webhook/{id}", UUID.randomUUID())
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(WebhookSignatures.TIMESTAMP, Long.toString(now))
                        .header(WebhookSignatures.SIGNATURE, WebhookSignatures.sign(secret, now, body))
                        .content(body))
                .andExpect(status().isNotFound());
        deliver(utf8(body("m-9", "Vorher"))).andExpect(status().isAccepted());
        connectors.setEnabled(connector, false);
        deliver(body).andExpect(status().isConflict());
        assertThat(posts.count(connector)).isOne();
    }

    @Test
    void aNewSecretCountsFromTheNextDelivery() throws Exception {
        deliver(utf8(body("m-20", "Erste"))).andExpect(status().isAccepted());
        String old = secret;
        secret = "whsec_" + UUID.randomUUID();
        connectors.update(connector, "rotated " + UUID.randomUUID(), Map.of(), secret);
        byte[] body = utf8(body("m-21", "Zweite"));
        long now = Instant.now().getEpochSecond();
        deliver(body, now, WebhookSignatures.sign(old, now, body)).andExpect(status().isUnauthorized());
        deliver(body).andExpect(status().isAccepted());
    }

    @Test
    void deliveriesArrivingTogetherAreStoredTogetherAndEachIsAnswered() throws Exception {
        int count = 40;
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(count)) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] body = utf8(body("burst-" + i, "Beitrag " + i));
                answers.add(pool.submit(() -> {
                    start.await();
                    return deliver(body).andReturn().getResponse().getStatus();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(202);
            }
        }
        assertThat(posts.count(connector)).isEqualTo(count);
        assertThat(told()).hasSize(count);
        long batches = jdbc.sql("select count(distinct serialized_event) from event_publication"
                        + " where event_type = ? and serialized_event like ?")
                .params(PostsCaptured.class.getName(), "%" + connector + "%")
                .query(Long.class)
                .single();
        assertThat(batches).isLessThan(count);
    }

    @Test
    void theOpenApiDocumentDescribesTheBody() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/openapi.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.schemas.ChannelsWebhookPost.properties.postedAt")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/channels/webhook/{connectorId}'].post")
                        .exists());
    }
}
