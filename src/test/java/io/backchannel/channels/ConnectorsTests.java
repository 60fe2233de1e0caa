package io.backchannel.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.backchannel.IntegrationTest;
import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.Connectors;
import io.backchannel.channels.internal.IncomingPost;
import io.backchannel.channels.internal.Posts;
import io.backchannel.system.WebhookSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connector framework against a real PostgreSQL: credentials sealed at rest, posts held once and told once,
 * health with backoff, archiving of what was heard and said, and replies through the connector that heard the post.
 */
@IntegrationTest
@RecordApplicationEvents
class ConnectorsTests {

    @Autowired
    Connectors connectors;

    @Autowired
    Posts posts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JsonMapper json;

    @Autowired
    ApplicationEventPublisher publisher;

    static IncomingPost post(String externalId, String text) {
        return new IncomingPost(
                externalId,
                null,
                "@anna@example.social",
                "Anna",
                text,
                "https://example.social/@anna/" + externalId,
                "de-DE",
                null,
                false,
                Instant.parse("2026-11-20T09:00:00Z"),
                ("{\"id\":\"" + externalId + "\"}").getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    Connector webhook(String replyUrl) {
        UUID id = connectors.create(
                ConnectorKind.WEBHOOK,
                "hook " + UUID.randomUUID(),
                Map.of(Connector.REPLY_URL, replyUrl),
                "s3cret-" + UUID.randomUUID());
        return connectors.get(id);
    }

    @Test
    void credentialsAreEncryptedAtRestAndNeverReadable() {
        String secret = "very-secret-token-" + UUID.randomUUID();
        UUID id = connectors.create(ConnectorKind.WEBHOOK, "sealed " + UUID.randomUUID(), Map.of(), secret);
        byte[] stored = jdbc.sql("select credentials from channels_connector where id = ?")
                .param(id)
                .query(byte[].class)
                .single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        String settings = jdbc.sql("select settings::text from channels_connector where id = ?")
                .param(id)
                .query(String.class)
                .single();
        assertThat(settings).doesNotContain(secret);
        assertThat(connectors.get(id).hasCredentials()).isTrue();

        connectors.update(id, connectors.get(id).name(), Map.of(), "");
        byte[] kept = jdbc.sql("select credentials from channels_connector where id = ?")
                .param(id)
                .query(byte[].class)
                .single();
        assertThat(kept).isEqualTo(stored);
    }

    @Test
    void aRepeatedDeliveryIsHeldOnceAndToldOnce() {
        Connector connector = webhook("");
        assertThat(posts.capture(connector, post("p-1", "Hallo, mein Router ist kaputt")))
                .isPresent();
        assertThat(posts.capture(connector, post("p-1", "Hallo, mein Router ist kaputt")))
                .isEmpty();
        assertThat(posts.count(connector.id())).isEqualTo(1);
        assertThat(CapturedPosts.in(events).filter(e -> e.connectorId().equals(connector.id())))
                .singleElement()
                .satisfies(captured -> {
                    assertThat(captured.channel()).isEqualTo("webhook");
                    assertThat(captured.externalId()).isEqualTo("p-1");
                    assertThat(captured.languageHint()).isEqualTo("de-DE");
                });
        Connector other = webhook("");
        assertThat(posts.capture(other, post("p-1", "same id, another connector")))
                .isPresent();
    }

    @Test
    void everyHeardPostIsArchivedWithItsOriginalBytes() {
        Connector connector = webhook("");
        String externalId = "archived-" + UUID.randomUUID();
        posts.capture(connector, post(externalId, "Ich warte seit drei Wochen auf meine Bestellung."));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                        jdbc.sql("select kind || '/' || language || '/' || account from archive_item"
                                        + " where platform = 'webhook' and source_id = ?")
                                .param(externalId)
                                .query(String.class)
                                .list())
                .containsExactly("INBOUND_MENTION/de/" + connector.name()));
    }

    @Test
    void failuresBackOffAndASuccessResetsTheHealth() {
        Connector connector = webhook("");
        Instant now = Instant.now();
        Duration first = connectors.failed(connector.id(), "channels.error.unreachable", "timeout", null, now);
        Duration second = connectors.failed(connector.id(), "channels.error.unreachable", "timeout", null, now);
        Duration third =
                connectors.failed(connector.id(), "channels.error.rate-limited", "429", Duration.ofHours(2), now);
        assertThat(first).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
        assertThat(second).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        assertThat(third).isEqualTo(Duration.ofHours(2));
        Connector failing = connectors.get(connector.id());
        assertThat(failing.consecutiveFailures()).isEqualTo(3);
        assertThat(failing.statusKey()).isEqualTo("channels.status.failing");
        assertThat(failing.lastErrorKey()).isEqualTo("channels.error.rate-limited");
        assertThat(failing.nextAttemptAt()).isAfter(now.plus(Duration.ofMinutes(119)));
        assertThat(connectors.due(ConnectorKind.WEBHOOK, now))
                .extracting(Connector::id)
                .doesNotContain(connector.id());

        connectors.succeeded(connector.id(), "cursor-42", now);
        Connector healthy = connectors.get(connector.id());
        assertThat(healthy.consecutiveFailures()).isZero();
        assertThat(healthy.cursor()).isEqualTo("cursor-42");
        assertThat(healthy.statusKey()).isEqualTo("channels.status.healthy");
        assertThat(connectors.due(ConnectorKind.WEBHOOK, now))
                .extracting(Connector::id)
                .contains(connector.id());
    }

    @Test
    void aReplyGoesAsASignedPostToTheWebhookReplyAddressOnceAndIsArchived() throws Exception {
        try (var server = new LoopbackServer()) {
            server.enqueue(LoopbackServer.Response.of(
                    201, "{\"id\":\"their-reply-7\",\"url\":\"https://crm.example/r/7\"}", Map.of()));
            Connector connector = webhook(server.url("/replies"));
            String secret = "known-secret-" + UUID.randomUUID();
            connectors.update(connector.id(), connector.name(), connector.settings(), secret);
            UUID replyId = UUID.randomUUID();
            var request = new ReplyRequested(
                    replyId,
                    connector.id(),
                    "webhook",
                    "p-9",
                    "Danke, wir kümmern uns!",
                    UUID.randomUUID(),
                    Instant.now());
            transactions.executeWithoutResult(status -> publisher.publishEvent(request));

            var received = server.take();
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.path()).isEqualTo("/replies");
            long timestamp = Long.parseLong(received.header(WebhookSignatures.TIMESTAMP));
            assertThat(received.header(WebhookSignatures.SIGNATURE))
                    .isEqualTo(WebhookSignatures.sign(secret, timestamp, received.body()));
            JsonNode body = json.readTree(received.body());
            assertThat(body.get("inReplyTo").asString()).isEqualTo("p-9");
            assertThat(body.get("text").asString()).isEqualTo("Danke, wir kümmern uns!");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                            jdbc.sql("select status || '/' || external_id from channels_reply where id = ?")
                                    .param(replyId)
                                    .query(String.class)
                                    .list())
                    .containsExactly("SENT/their-reply-7"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                            jdbc.sql("select kind from archive_item where platform = 'webhook' and source_id = ?")
                                    .param("their-reply-7")
                                    .query(String.class)
                                    .list())
                    .containsExactly("REPLY"));

            transactions.executeWithoutResult(status -> publisher.publishEvent(request));
            Thread.sleep(500);
            assertThat(server.requestCount()).isZero();
        }
    }

    @Test
    void aChannelThatCannotReplyAnswersReplyFailedWithAReason() {
        UUID manual = connectors.create(ConnectorKind.FEED, "feed " + UUID.randomUUID(), Map.of(), null);
        UUID replyId = UUID.randomUUID();
        transactions.executeWithoutResult(status -> publisher.publishEvent(
                new ReplyRequested(replyId, manual, "feed", "entry-1", "Thanks!", UUID.randomUUID(), Instant.now())));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                        jdbc.sql("select status || '/' || reason_key from channels_reply where id = ?")
                                .param(replyId)
                                .query(String.class)
                                .list())
                .containsExactly("FAILED/channels.reply.cannot-reply"));

        UUID goneReply = UUID.randomUUID();
        transactions.executeWithoutResult(status -> publisher.publishEvent(new ReplyRequested(
                goneReply, UUID.randomUUID(), "webhook", "x", "Thanks!", UUID.randomUUID(), Instant.now())));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(jdbc.sql("select reason_key from channels_reply where id = ?")
                                .param(goneReply)
                                .query(String.class)
                                .list())
                        .containsExactly("channels.reply.connector-gone"));
    }

    @Test
    void anUnreachableReplyAddressFailsTheReplyWithAClearReason() throws Exception {
        Connector connector = webhook(LoopbackServer.closedUrl("/replies"));
        UUID replyId = UUID.randomUUID();
        transactions.executeWithoutResult(status -> publisher.publishEvent(new ReplyRequested(
                replyId, connector.id(), "webhook", "p", "Hello", UUID.randomUUID(), Instant.now())));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(jdbc.sql("select reason_key from channels_reply where id = ?")
                                .param(replyId)
                                .query(String.class)
                                .list())
                        .containsExactly("channels.reply.unreachable"));
    }
}
