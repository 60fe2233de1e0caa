package io.backchannel.channels;

import static io.backchannel.channels.MastodonFixtures.array;
import static io.backchannel.channels.MastodonFixtures.favourite;
import static io.backchannel.channels.MastodonFixtures.mention;
import static io.backchannel.channels.MastodonFixtures.mentions;
import static io.backchannel.channels.MastodonFixtures.search;
import static io.backchannel.channels.MastodonFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.backchannel.IntegrationTest;
import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.PollOutcome;
import io.backchannel.channels.internal.mastodon.MastodonStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

/** The Mastodon connector against recorded API answers served on the loopback address. */
@IntegrationTest
@RecordApplicationEvents
@TestPropertySource(properties = "backchannel.channels.http-timeout=2s")
class MastodonConnectorTests extends ApiConnectorTest {

    static final String TOKEN = "mastodon-token-" + "0123456789abcdef";
    static final Map<String, String> JSON = Map.of("Content-Type", "application/json; charset=utf-8");

    @Autowired
    MastodonStream stream;

    Connector mastodon(String instance, boolean mentions, String hashtags, String query, boolean streaming) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(Connector.URL, instance);
        settings.put(Connector.ACCOUNT, "support@social.example");
        settings.put(Connector.MENTIONS, Boolean.toString(mentions));
        settings.put(Connector.HASHTAGS, hashtags);
        settings.put(Connector.QUERY, query);
        settings.put(Connector.STREAMING, Boolean.toString(streaming));
        settings.put(Connector.INTERVAL_MINUTES, "5");
        return connectors.get(
                connectors.create(ConnectorKind.MASTODON, "mastodon " + UUID.randomUUID(), settings, TOKEN));
    }

    static LoopbackServer.Response ok(String body) {
        return LoopbackServer.Response.of(200, body, JSON);
    }

    static LoopbackServer.Response ok(String body, String link) {
        Map<String, String> headers = new LinkedHashMap<>(JSON);
        headers.put("Link", link);
        return LoopbackServer.Response.of(200, body, headers);
    }

    @Test
    void mentionsHashtagsAndSearchAreCapturedOnceAsPlainTextAndTheCursorResumesAfterARestart() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector connector = mastodon(server.url(""), true, "#Backchannel, router", "backchannel ausfall", false);
            String hostile = "<p>Router <b>kaputt</b><br>seit gestern</p><script>alert(1)</script>"
                    + "<img src=x onerror=alert(2)><a href=\"javascript:alert(3)\">hier</a>";
            String mentioned = status("1001", "kunde@other.example", hostile, "de", "private", "900");
            server.enqueue(
                    ok(array(mention("501", mentioned), favourite("500", status("999", "support", "<p>x</p>")))),
                    ok(array(
                            status("1002", "anna@other.example", "<p>#backchannel ist super</p>"),
                            status("1001", "kunde@other.example", hostile, "de", "private", "900"))),
                    ok(array()),
                    ok(search(status("1003", "support", "<p>Unser Ausfall ist behoben</p>"))));

            assertThat(polling.poll(connector)).isEqualTo(PollOutcome.NEW_POSTS);
            var first = server.take();
            assertThat(first.path()).isEqualTo("/api/v1/notifications?types%5B%5D=mention&limit=40");
            assertThat(first.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(server.take().path()).isEqualTo("/api/v1/timelines/tag/backchannel?limit=40");
            assertThat(server.take().path()).isEqualTo("/api/v1/timelines/tag/router?limit=40");
            assertThat(server.take().path())
                    .isEqualTo("/api/v2/search?type=statuses&resolve=false&q=backchannel+ausfall&limit=40");
            assertThat(posts.count(connector.id())).isEqualTo(3);
            PostCaptured post = captured(connector, "1001");
            assertThat(post.text()).isEqualTo("Router kaputt\nseit gestern hier");
            assertThat(post.channel()).isEqualTo("mastodon");
            assertThat(post.authorHandle()).isEqualTo("kunde@other.example");
            assertThat(post.authorName()).isEqualTo("kunde Name");
            assertThat(post.inReplyToExternalId()).isEqualTo("900");
            assertThat(post.languageHint()).isEqualTo("de");
            assertThat(post.url()).isEqualTo("https://social.example/@x/1001");
            assertThat(captured(connector, "1003").fromCompany()).isTrue();
            assertThat(connectors.get(connector.id()).cursor())
                    .isEqualTo("mentions=501\ntag:backchannel=1002\nsearch=1003");

            // A restart: only what is stored counts. Mentions come in two pages along the Link header.
            Connector restarted = connectors.get(connector.id());
            server.enqueue(
                    ok(
                            mentions(502, 40),
                            "<" + server.url("/api/v1/notifications?types%5B%5D=mention&min_id=541")
                                    + ">; rel=\"prev\", <https://elsewhere.example/steal>; rel=\"next\""),
                    ok(mentions(542, 1)),
                    ok(array(status("1002", "anna@other.example", "<p>#backchannel ist super</p>"))),
                    ok(array()),
                    ok(search()));
            assertThat(polling.poll(restarted)).isEqualTo(PollOutcome.NEW_POSTS);
            assertThat(server.take().path()).isEqualTo("/api/v1/notifications?types%5B%5D=mention&limit=40&min_id=501");
            assertThat(server.take().path()).isEqualTo("/api/v1/notifications?types%5B%5D=mention&min_id=541");
            assertThat(server.take().path()).isEqualTo("/api/v1/timelines/tag/backchannel?limit=40&min_id=1002");
            assertThat(server.take().path()).isEqualTo("/api/v1/timelines/tag/router?limit=40");
            assertThat(server.take().path())
                    .isEqualTo("/api/v2/search?type=statuses&resolve=false&q=backchannel+ausfall&limit=40&min_id=1003");
            assertThat(posts.count(connector.id())).isEqualTo(3 + 41);
            assertThat(connectors.get(connector.id()).cursor()).startsWith("mentions=542\n");
            assertThat(CapturedPosts.in(events).filter(e -> e.connectorId().equals(connector.id())))
                    .hasSize(44);
        }
    }

    @Test
    void hugeStatusesAreShortenedAndKeptWhole() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector connector = mastodon(server.url(""), false, "", "lang", false);
            server.enqueue(ok(search(status("77", "kunde", "<p>" + "sehr lang ".repeat(20_000) + "</p>"))));
            assertThat(polling.poll(connector)).isEqualTo(PollOutcome.NEW_POSTS);
            PostCaptured post = captured(connector, "77");
            assertThat(post.text().codePointCount(0, post.text().length())).isEqualTo(10_000);
            assertThat(post.text()).endsWith("…");
            byte[] payload = posts.payload(connector.id(), "77").orElseThrow();
            assertThat(json.readTree(payload).path("content").asString()).hasSize(200_007);
        }
    }

    @Test
    void usedUpCallsHoldTheConnectorUntilTheResetAndA429BacksOffAsAsked() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector connector = mastodon(server.url(""), true, "router", "", false);
            Instant reset = Instant.now().plus(Duration.ofMinutes(10));
            server.enqueue(LoopbackServer.Response.of(
                    200,
                    array(mention("7", status("70", "kunde", "<p>Hallo</p>"))),
                    Map.of(
                            "X-RateLimit-Limit",
                            "300",
                            "X-RateLimit-Remaining",
                            "0",
                            "X-RateLimit-Reset",
                            reset.toString())));
            assertThat(polling.poll(connector)).isEqualTo(PollOutcome.NEW_POSTS);
            assertThat(server.requestCount()).isEqualTo(1);
            Connector held = connectors.get(connector.id());
            assertThat(held.consecutiveFailures()).isZero();
            assertThat(held.statusKey()).isEqualTo("channels.status.healthy");
            assertThat(held.nextAttemptAt()).isAfter(reset.minusSeconds(5));
            assertThat(connectors.due(ConnectorKind.MASTODON, Instant.now()))
                    .extracting(Connector::id)
                    .doesNotContain(connector.id());

            server.enqueue(
                    LoopbackServer.Response.of(429, "{\"error\":\"Too many requests\"}", Map.of("Retry-After", "600")));
            Instant before = Instant.now();
            assertThat(polling.poll(held)).isEqualTo(PollOutcome.FAILED);
            Connector limited = connectors.get(connector.id());
            assertThat(limited.lastErrorKey()).isEqualTo("channels.error.rate-limited");
            assertThat(limited.statusKey()).isEqualTo("channels.status.failing");
            assertThat(limited.nextAttemptAt()).isAfterOrEqualTo(before.plus(Duration.ofSeconds(599)));
            assertThat(limited.cursor()).isEqualTo("mentions=7");
        }
    }

    @Test
    void errorsTimeoutsMalformedJsonAndInvalidUtf8AreFailuresWithClearReasons() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector connector = mastodon(server.url(""), false, "router", "", false);
            byte[] invalid = "[{\"id\":\"5\",\"content\":\"caf\u00e9\"}]".getBytes(StandardCharsets.ISO_8859_1);
            server.enqueue(
                    LoopbackServer.Response.of(500, "<html>oops</html>", Map.of()),
                    new LoopbackServer.Response(200, JSON, array().getBytes(), 3_000),
                    ok("[{\"id\": \"5\", \"content\": "),
                    new LoopbackServer.Response(200, JSON, invalid, 0),
                    LoopbackServer.Response.of(401, "{\"error\":\"The access token is invalid\"}", JSON));
            String[] reasons = {
                "channels.error.http-status",
                "channels.error.timeout",
                "channels.api.malformed",
                "channels.api.encoding",
                "channels.api.unauthorised"
            };
            for (String reason : reasons) {
                assertThat(polling.poll(connector)).isEqualTo(PollOutcome.FAILED);
                assertThat(connectors.get(connector.id()).lastErrorKey()).isEqualTo(reason);
            }
            assertThat(connectors.get(connector.id()).consecutiveFailures()).isEqualTo(5);
            assertThat(posts.count(connector.id())).isZero();
        }
        Connector unreachable = mastodon(LoopbackServer.closedUrl(""), true, "", "", false);
        assertThat(polling.poll(unreachable)).isEqualTo(PollOutcome.FAILED);
        assertThat(connectors.get(unreachable.id()).lastErrorKey()).isEqualTo("channels.error.unreachable");
    }

    @Test
    void theStreamDeliversStatusesAndCatchesUpByRestWhenItOpensAgain() throws Exception {
        try (var server = new LoopbackServer()) {
            AtomicInteger opened = new AtomicInteger();
            server.route("/api/v1/streaming/", exchange -> {
                opened.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    String live = status("2001", "kunde", "<p>Live aus dem Stream</p>")
                            .replace("\n", " ");
                    String events = ":thump\n\n"
                            + "event: update\ndata: " + live + "\n\n"
                            + "event: update\ndata: {broken\n\n"
                            + "event: notification\ndata: {\"id\":\"9\",\"type\":\"follow\"}\n\n"
                            + "event: delete\ndata: 2000\n\n";
                    out.write(events.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                // The connection drops here, as a restarting server's would.
            });
            Connector connector = mastodon(server.url(""), false, "router", "", true);
            // A status from before the stream, already held, then deleted while the stream is open.
            server.enqueue(ok(array(status("2000", "kunde", "<p>Vorher</p>"))));
            assertThat(polling.poll(connector)).isEqualTo(PollOutcome.NEW_POSTS);
            server.take();
            // What came while nothing listened is caught up by REST once the stream is open again.
            server.enqueue(ok(array(status("2002", "kunde", "<p>In der Lücke</p>"))));

            stream.connect(connectors.get(connector.id()));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(posts.count(connector.id())).isEqualTo(3);
                assertThat(posts.deleted(connector.id(), "2000")).isTrue();
                assertThat(stream.connected(connector.id())).isFalse();
                assertThat(connectors.get(connector.id()).lastErrorKey()).isEqualTo("channels.error.stream-closed");
            });
            assertThat(server.take().path()).isEqualTo("/api/v1/timelines/tag/router?limit=40&min_id=2000");
            assertThat(captured(connector, "2001").text()).isEqualTo("Live aus dem Stream");

            // Reconnecting hears the same events again: nothing is stored twice.
            server.enqueue(ok(array()));
            Instant reconnected = Instant.now();
            stream.connect(connectors.get(connector.id()));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(opened).hasValue(2);
                assertThat(connectors.get(connector.id()).lastErrorAt()).isAfter(reconnected);
            });
            assertThat(server.take().path()).isEqualTo("/api/v1/timelines/tag/router?limit=40&min_id=2002");
            assertThat(posts.count(connector.id())).isEqualTo(3);
            stream.disconnect(connector.id());
        }
    }

    @Test
    void aReplyIsPostedInTheThreadAsVisibleAsTheStatusWithTheReplyIdAsIdempotencyKey() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector connector = mastodon(server.url(""), true, "", "", false);
            server.enqueue(ok(array(
                    mention("31", status("3100", "kunde@other.example", "<p>Hilfe!</p>", "de", "direct", null)))));
            polling.poll(connector);
            server.take();

            server.enqueue(LoopbackServer.Response.of(
                    200, status("3101", "support", "<p>@kunde Wir helfen</p>", "de", "direct", "3100"), JSON));
            UUID replyId = UUID.randomUUID();
            transactions.executeWithoutResult(status -> publisher.publishEvent(new ReplyRequested(
                    replyId,
                    connector.id(),
                    "mastodon",
                    "3100",
                    "Wir helfen gern!",
                    UUID.randomUUID(),
                    Instant.now())));

            var received = server.take();
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.path()).isEqualTo("/api/v1/statuses");
            assertThat(received.header("Idempotency-Key")).isEqualTo(replyId.toString());
            assertThat(received.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            JsonNode body = json.readTree(received.body());
            assertThat(body.get("status").asString()).isEqualTo("@kunde@other.example Wir helfen gern!");
            assertThat(body.get("in_reply_to_id").asString()).isEqualTo("3100");
            assertThat(body.get("visibility").asString()).isEqualTo("direct");
            assertThat(body.get("language").asString()).isEqualTo("de");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
                                    "select status || '/' || external_id || '/' || url from channels_reply where id = ?")
                            .param(replyId)
                            .query(String.class)
                            .list())
                    .containsExactly("SENT/3101/https://social.example/@x/3101"));
        }
    }

    @Test
    void aRefusedReplyIsToldAsFailed() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector connector = mastodon(server.url(""), true, "", "", false);
            server.enqueue(LoopbackServer.Response.of(422, "{\"error\":\"Validation failed: Text too long\"}", JSON));
            UUID replyId = UUID.randomUUID();
            transactions.executeWithoutResult(status -> publisher.publishEvent(new ReplyRequested(
                    replyId, connector.id(), "mastodon", "404404", "Antwort", UUID.randomUUID(), Instant.now())));
            JsonNode body = json.readTree(server.take().body());
            assertThat(body.get("visibility").asString()).isEqualTo("unlisted");
            assertThat(body.get("status").asString()).isEqualTo("Antwort");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                            jdbc.sql("select status || '/' || reason_key from channels_reply where id = ?")
                                    .param(replyId)
                                    .query(String.class)
                                    .list())
                    .containsExactly("FAILED/channels.reply.refused"));
        }
    }

    PostCaptured captured(Connector connector, String externalId) {
        return CapturedPosts.in(events)
                .filter(e ->
                        e.connectorId().equals(connector.id()) && e.externalId().equals(externalId))
                .findFirst()
                .orElseThrow();
    }
}
