package io.backchannel.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.backchannel.IntegrationTest;
import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.PollOutcome;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

/** Bluesky's post search and replies against recorded XRPC answers served on the loopback address. */
@IntegrationTest
@RecordApplicationEvents
@TestPropertySource(properties = "backchannel.channels.http-timeout=2s")
class BlueskySearchTests extends ApiConnectorTest {

    static final String PASSWORD = "abcd-efgh-ijkl-mnop";
    static final String COMPANY = "did:plc:company7x2";
    static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    Connector connector(String service) {
        return connectors.get(connectors.create(
                ConnectorKind.BLUESKY_SEARCH,
                "bluesky search " + UUID.randomUUID(),
                Map.of(
                        Connector.URL, service,
                        Connector.ACCOUNT, "@support.example.com",
                        Connector.QUERY, "router kaputt",
                        Connector.INTERVAL_MINUTES, "5"),
                PASSWORD));
    }

    static LoopbackServer.Response session(String access, String refresh) {
        return LoopbackServer.Response.of(
                200,
                """
                {"did": "%s", "handle": "support.example.com", "email": "support@example.com",
                 "emailConfirmed": true, "accessJwt": "%s", "refreshJwt": "%s", "active": true}"""
                        .formatted(COMPANY, access, refresh),
                JSON);
    }

    static String view(String did, String rkey, String text, String indexedAt, String reply) {
        return """
                {"uri": "at://%s/app.bsky.feed.post/%s", "cid": "bafyreic%s",
                 "author": {"did": "%s", "handle": "kunde.bsky.social", "displayName": "Kunde K.",
                            "avatar": "https://cdn.bsky.app/img/avatar/plain/x.jpg", "labels": [],
                            "createdAt": "2024-01-01T00:00:00.000Z"},
                 "record": {"$type": "app.bsky.feed.post", "text": "%s", "createdAt": "%s", "langs": ["de"]%s},
                 "replyCount": 0, "repostCount": 0, "likeCount": 1, "quoteCount": 0,
                 "indexedAt": "%s", "labels": []}"""
                .formatted(did, rkey, rkey, did, text, indexedAt, reply, indexedAt);
    }

    static String view(String rkey, String text, String indexedAt) {
        return view("did:plc:kunde4q", rkey, text, indexedAt, "");
    }

    static String threadReply() {
        return """
                , "reply": {"root": {"uri": "at://did:plc:other/app.bsky.feed.post/3root", "cid": "bafyroot"},
                            "parent": {"uri": "at://did:plc:other/app.bsky.feed.post/3parent", "cid": "bafyparent"}}""";
    }

    static LoopbackServer.Response results(String cursor, String... views) {
        return LoopbackServer.Response.of(
                200,
                "{" + (cursor == null ? "" : "\"cursor\": \"" + cursor + "\", ") + "\"hitsTotal\": " + views.length
                        + ", \"posts\": [" + String.join(",", views) + "]}",
                JSON);
    }

    static String query(LoopbackServer.Received request) {
        return URLDecoder.decode(request.path(), StandardCharsets.UTF_8);
    }

    @Test
    void foundPostsAreCapturedOnceAndTheSearchResumesFromTheStoredTimeAfterARestart() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector connector = connector(server.url("/"));
            server.enqueue(
                    session("access-1", "refresh-1"),
                    results(
                            "page-2",
                            view(
                                    "did:plc:kunde4q",
                                    "3kunde1",
                                    "Mein Router ist kaputt",
                                    "2026-11-22T10:00:05.000Z",
                                    threadReply()),
                            view(COMPANY, "3own", "Wir schauen uns den Router an", "2026-11-22T10:01:00.000Z", ""),
                            view("did:plc:liar", "3fake", "Router kaputt", "2026-11-22T09:00:00.000Z", "")
                                    .replaceFirst("at://did:plc:liar", "at://did:plc:someoneelse")));

            assertThat(polling.poll(connector)).isEqualTo(PollOutcome.NEW_POSTS);
            var login = server.take();
            assertThat(login.method()).isEqualTo("POST");
            assertThat(login.path()).isEqualTo("/xrpc/com.atproto.server.createSession");
            JsonNode credentials = json.readTree(login.body());
            assertThat(credentials.get("identifier").asString()).isEqualTo("support.example.com");
            assertThat(credentials.get("password").asString()).isEqualTo(PASSWORD);
            var first = server.take();
            assertThat(first.header("Authorization")).isEqualTo("Bearer access-1");
            assertThat(query(first)).isEqualTo("/xrpc/app.bsky.feed.searchPosts?q=router kaputt&sort=latest&limit=100");
            assertThat(posts.count(connector.id())).isEqualTo(1);
            PostCaptured post = CapturedPosts.in(events)
                    .filter(e -> e.connectorId().equals(connector.id()))
                    .findFirst()
                    .orElseThrow();
            assertThat(post.channel()).isEqualTo("bluesky");
            assertThat(post.externalId()).isEqualTo("at://did:plc:kunde4q/app.bsky.feed.post/3kunde1");
            assertThat(post.inReplyToExternalId()).isEqualTo("at://did:plc:other/app.bsky.feed.post/3parent");
            assertThat(post.authorHandle()).isEqualTo("kunde.bsky.social");
            assertThat(post.authorName()).isEqualTo("Kunde K.");
            assertThat(post.languageHint()).isEqualTo("de");
            assertThat(post.url()).isEqualTo("https://bsky.app/profile/did:plc:kunde4q/post/3kunde1");
            assertThat(connectors.get(connector.id()).cursor()).isEqualTo("2026-11-22T10:01:00Z");

            // A restart: the stored time, less the overlap, and the search's own pages back to it.
            Connector restarted = connectors.get(connector.id());
            server.enqueue(
                    results(
                            "page-b",
                            view("3kunde2", "Immer noch kaputt", "2026-11-22T11:00:00.000Z"),
                            view(
                                    "did:plc:kunde4q",
                                    "3kunde1",
                                    "Mein Router ist kaputt",
                                    "2026-11-22T10:00:05.000Z",
                                    threadReply())),
                    results(null, view("3kunde0", "Router geht nicht", "2026-11-22T10:30:00.000Z")));
            assertThat(polling.poll(restarted)).isEqualTo(PollOutcome.NEW_POSTS);
            assertThat(query(server.take()))
                    .isEqualTo("/xrpc/app.bsky.feed.searchPosts?q=router kaputt&sort=latest&limit=100"
                            + "&since=2026-11-22T09:56:00Z");
            assertThat(query(server.take())).endsWith("&since=2026-11-22T09:56:00Z&cursor=page-b");
            assertThat(posts.count(connector.id())).isEqualTo(3);
            assertThat(connectors.get(connector.id()).cursor()).isEqualTo("2026-11-22T11:00:00Z");
            assertThat(CapturedPosts.in(events).filter(e -> e.connectorId().equals(connector.id())))
                    .hasSize(3);
        }
    }

    @Test
    void anExpiredSessionIsRefreshedAndRefusalsAreFailuresWithClearReasons() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector connector = connector(server.url(""));
            server.enqueue(
                    session("access-1", "refresh-1"),
                    LoopbackServer.Response.of(
                            400, "{\"error\": \"ExpiredToken\", \"message\": \"Token has expired\"}", JSON),
                    session("access-2", "refresh-2"),
                    results(null));
            assertThat(polling.poll(connector)).isEqualTo(PollOutcome.UNCHANGED);
            server.take();
            server.take();
            var refresh = server.take();
            assertThat(refresh.path()).isEqualTo("/xrpc/com.atproto.server.refreshSession");
            assertThat(refresh.header("Authorization")).isEqualTo("Bearer refresh-1");
            assertThat(server.take().header("Authorization")).isEqualTo("Bearer access-2");

            Instant reset = Instant.now().plusSeconds(900);
            server.enqueue(
                    LoopbackServer.Response.of(
                            429,
                            "{\"error\": \"RateLimitExceeded\"}",
                            Map.of(
                                    "RateLimit-Limit",
                                    "3000",
                                    "RateLimit-Remaining",
                                    "0",
                                    "RateLimit-Reset",
                                    Long.toString(reset.getEpochSecond()))),
                    LoopbackServer.Response.of(200, "{\"posts\": 5}", JSON),
                    new LoopbackServer.Response(
                            200, JSON, "{\"posts\": [\"\u00fc\"]}".getBytes(StandardCharsets.ISO_8859_1), 0),
                    LoopbackServer.Response.of(502, "Bad Gateway", Map.of()),
                    new LoopbackServer.Response(200, JSON, "{}".getBytes(), 3_000));
            assertThat(polling.poll(connector)).isEqualTo(PollOutcome.FAILED);
            Connector limited = connectors.get(connector.id());
            assertThat(limited.lastErrorKey()).isEqualTo("channels.error.rate-limited");
            assertThat(limited.nextAttemptAt()).isAfter(reset.minusSeconds(5));
            for (String reason : new String[] {
                "channels.api.malformed",
                "channels.api.encoding",
                "channels.error.http-status",
                "channels.error.timeout"
            }) {
                assertThat(polling.poll(connector)).isEqualTo(PollOutcome.FAILED);
                assertThat(connectors.get(connector.id()).lastErrorKey()).isEqualTo(reason);
            }
            assertThat(posts.count(connector.id())).isZero();
        }
        try (var server = new LoopbackServer()) {
            Connector wrongPassword = connector(server.url(""));
            server.enqueue(LoopbackServer.Response.of(
                    401,
                    "{\"error\": \"AuthenticationRequired\", \"message\": \"Invalid identifier or password\"}",
                    JSON));
            assertThat(polling.poll(wrongPassword)).isEqualTo(PollOutcome.FAILED);
            assertThat(connectors.get(wrongPassword.id()).lastErrorKey()).isEqualTo("channels.api.unauthorised");
            assertThat(connectors.get(wrongPassword.id()).statusKey()).isEqualTo("channels.status.failing");
        }
    }

    @Test
    void aReplyIsPostedInTheThreadWithStrongReferencesToItsRootAndParent() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector connector = connector(server.url(""));
            server.enqueue(
                    session("access-1", "refresh-1"),
                    results(
                            null,
                            view(
                                    "did:plc:kunde4q",
                                    "3kunde1",
                                    "Mein Router ist kaputt",
                                    "2026-11-22T10:00:05.000Z",
                                    threadReply())));
            polling.poll(connector);
            server.take();
            server.take();

            server.enqueue(LoopbackServer.Response.of(
                    200,
                    "{\"uri\": \"at://" + COMPANY + "/app.bsky.feed.post/3reply\", \"cid\": \"bafyreply\","
                            + " \"commit\": {\"cid\": \"bafycommit\", \"rev\": \"3rev\"}, \"validationStatus\": \"valid\"}",
                    JSON));
            UUID replyId = request(connector, "at://did:plc:kunde4q/app.bsky.feed.post/3kunde1", "Wir helfen gern!");
            var created = server.take();
            assertThat(created.path()).isEqualTo("/xrpc/com.atproto.repo.createRecord");
            assertThat(created.header("Authorization")).isEqualTo("Bearer access-1");
            JsonNode body = json.readTree(created.body());
            assertThat(body.get("repo").asString()).isEqualTo(COMPANY);
            assertThat(body.get("collection").asString()).isEqualTo("app.bsky.feed.post");
            JsonNode record = body.get("record");
            assertThat(record.get("$type").asString()).isEqualTo("app.bsky.feed.post");
            assertThat(record.get("text").asString()).isEqualTo("Wir helfen gern!");
            assertThat(record.at("/reply/root/uri").asString())
                    .isEqualTo("at://did:plc:other/app.bsky.feed.post/3root");
            assertThat(record.at("/reply/root/cid").asString()).isEqualTo("bafyroot");
            assertThat(record.at("/reply/parent/uri").asString())
                    .isEqualTo("at://did:plc:kunde4q/app.bsky.feed.post/3kunde1");
            assertThat(record.at("/reply/parent/cid").asString()).isEqualTo("bafyreic3kunde1");
            assertThat(record.at("/langs/0").asString()).isEqualTo("de");
            assertThat(Instant.parse(record.get("createdAt").asString()))
                    .isBefore(Instant.now().plusSeconds(1));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(outcome(replyId))
                    .containsExactly("SENT/at://" + COMPANY + "/app.bsky.feed.post/3reply/https://bsky.app/profile/"
                            + COMPANY + "/post/3reply"));

            UUID tooLong = request(connector, "at://did:plc:kunde4q/app.bsky.feed.post/3kunde1", "ä".repeat(301));
            UUID unknown = request(connector, "at://did:plc:kunde4q/app.bsky.feed.post/3never", "Hallo");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(outcome(tooLong)).containsExactly("FAILED/channels.bluesky.reply.too-long");
                assertThat(outcome(unknown)).containsExactly("FAILED/channels.bluesky.reply.unknown-post");
            });
            assertThat(server.requestCount()).isZero();
        }
    }

    UUID request(Connector connector, String uri, String text) {
        UUID replyId = UUID.randomUUID();
        transactions.executeWithoutResult(status -> publisher.publishEvent(
                new ReplyRequested(replyId, connector.id(), "bluesky", uri, text, UUID.randomUUID(), Instant.now())));
        return replyId;
    }

    java.util.List<String> outcome(UUID replyId) {
        return jdbc.sql("select status || '/' || coalesce(external_id, reason_key) || coalesce('/' || url, '')"
                        + " from channels_reply where id = ?")
                .param(replyId)
                .query(String.class)
                .list();
    }
}
