package io.backchannel.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.backchannel.IntegrationTest;
import io.backchannel.channels.LoopbackServer.Response;
import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.PollOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

/** The X API v2 connector against recorded answers in X's format, served on the loopback address. */
@IntegrationTest
@RecordApplicationEvents
@TestPropertySource(properties = "backchannel.channels.http-timeout=2s")
class XConnectorTests extends ApiConnectorTest {

    static final String ACCOUNT = "2244994945";
    // Beyond 2^53: read as a number in JavaScript (or a double) these ids would collapse into one another.
    static final String T1 = "1860000000000000001";
    static final String T2 = "1860000000000000002";
    static final String T3 = "1860000000000000003";
    static final Map<String, String> JSON = Map.of("Content-Type", "application/json; charset=utf-8");

    static String tweet(String id, String author, String text, String replyTo) {
        String references = replyTo.isEmpty()
                ? ""
                : ",\"in_reply_to_user_id\":\"" + ACCOUNT
                        + "\",\"referenced_tweets\":[{\"type\":\"replied_to\",\"id\":\"" + replyTo + "\"}]";
        return "{\"id\":\"" + id + "\",\"text\":\"" + text + "\",\"author_id\":\"" + author
                + "\",\"created_at\":\"2026-11-20T10:00:0" + id.charAt(id.length() - 1)
                + ".000Z\",\"conversation_id\":\"" + id + "\",\"lang\":\"de\",\"edit_history_tweet_ids\":[\"" + id
                + "\"]" + references + "}";
    }

    static final String USERS =
            "\"includes\":{\"users\":[{\"id\":\"101\",\"name\":\"Anna K.\",\"username\":\"anna_k\"}," + "{\"id\":\""
                    + ACCOUNT + "\",\"name\":\"Backchannel\",\"username\":\"backchannel\"}]}";

    @Test
    void mentionsArePagedCapturedOnceAndResumedFromTheStoredCursorAfterAFailure() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector x = PlatformFixtures.connector(
                    connectors, ConnectorKind.X, server.url(""), ACCOUNT, "", "x-token-0123456789");
            server.enqueue(
                    Response.of(
                            200,
                            "{\"data\":[" + tweet(T3, "101", "Mein Router ist kaputt @backchannel", "")
                                    + "," + tweet(T2, "101", "Hallo?", "") + "]," + USERS
                                    + ",\"meta\":{\"newest_id\":\"" + T3 + "\",\"oldest_id\":\"" + T2
                                    + "\",\"result_count\":2,\"next_token\":\"7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i\"}}",
                            JSON),
                    Response.of(503, "{\"title\":\"Service Unavailable\",\"status\":503}", JSON));

            assertThat(polling.poll(x)).isEqualTo(PollOutcome.FAILED);
            var first = server.take();
            assertThat(first.path()).startsWith("/2/users/" + ACCOUNT + "/mentions?");
            assertThat(first.path())
                    .contains("expansions=author_id")
                    .contains(
                            "tweet.fields=created_at,lang,conversation_id,in_reply_to_user_id,referenced_tweets,author_id")
                    .doesNotContain("since_id")
                    .doesNotContain("pagination_token");
            assertThat(first.header("Authorization")).isEqualTo("Bearer x-token-0123456789");
            assertThat(server.take().path()).contains("pagination_token=7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i");
            assertThat(posts.count(x.id())).isEqualTo(2);
            Connector failing = connectors.get(x.id());
            assertThat(failing.lastErrorKey()).isEqualTo("channels.error.http-status");
            assertThat(failing.statusKey()).isEqualTo("channels.status.failing");

            // As after a restart: everything comes from the database again.
            server.enqueue(
                    Response.of(
                            200,
                            "{\"data\":[" + tweet(T2, "101", "Hallo?", "") + ","
                                    + tweet(T1, ACCOUNT, "Wie können wir helfen?", "1850000000000000000") + "],"
                                    + USERS + ",\"meta\":{\"oldest_id\":\"" + T1 + "\",\"result_count\":2}}",
                            JSON),
                    Response.of(200, "{\"meta\":{\"result_count\":0}}", JSON));
            assertThat(polling.poll(connectors.get(x.id()))).isEqualTo(PollOutcome.NEW_POSTS);
            var resumed = server.take();
            assertThat(resumed.path())
                    .contains("pagination_token=7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i")
                    .doesNotContain("since_id");
            assertThat(posts.count(x.id())).isEqualTo(3);

            assertThat(polling.poll(connectors.get(x.id()))).isEqualTo(PollOutcome.UNCHANGED);
            assertThat(server.take().path()).contains("since_id=" + T3).doesNotContain("pagination_token");
            assertThat(connectors.get(x.id()).statusKey()).isEqualTo("channels.status.healthy");

            var captured = CapturedPosts.in(events)
                    .filter(post -> post.connectorId().equals(x.id()))
                    .toList();
            assertThat(captured).extracting(PostCaptured::externalId).containsExactlyInAnyOrder(T3, T2, T1);
            PostCaptured newest = captured.stream()
                    .filter(post -> post.externalId().equals(T3))
                    .findFirst()
                    .orElseThrow();
            assertThat(newest.channel()).isEqualTo("x");
            assertThat(newest.authorHandle()).isEqualTo("@anna_k");
            assertThat(newest.authorName()).isEqualTo("Anna K.");
            assertThat(newest.url()).isEqualTo("https://x.com/anna_k/status/" + T3);
            assertThat(newest.languageHint()).isEqualTo("de");
            assertThat(newest.fromCompany()).isFalse();
            PostCaptured own = captured.stream()
                    .filter(post -> post.externalId().equals(T1))
                    .findFirst()
                    .orElseThrow();
            assertThat(own.fromCompany()).isTrue();
            assertThat(own.inReplyToExternalId()).isEqualTo("1850000000000000000");
        }
    }

    @Test
    void aRateLimitWaitsUntilTheResetTimeAndAnExhaustedLimitEndsTheRoundEarly() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector x = PlatformFixtures.connector(
                    connectors, ConnectorKind.X, server.url("/"), "", "backchannel -is:retweet", "x-token-0123456789");
            Instant before = Instant.now();
            long reset = before.getEpochSecond() + 900;
            server.enqueue(Response.of(
                    429,
                    "{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}",
                    Map.of(
                            "x-rate-limit-limit",
                            "450",
                            "x-rate-limit-remaining",
                            "0",
                            "x-rate-limit-reset",
                            Long.toString(reset))));
            assertThat(polling.poll(x)).isEqualTo(PollOutcome.FAILED);
            assertThat(server.take().path()).startsWith("/2/tweets/search/recent?query=backchannel%20-is%3Aretweet&");
            Connector limited = connectors.get(x.id());
            assertThat(limited.lastErrorKey()).isEqualTo("channels.error.rate-limited");
            assertThat(limited.lastErrorDetail()).contains("429");
            assertThat(limited.nextAttemptAt()).isAfterOrEqualTo(before.plus(Duration.ofSeconds(895)));
            assertThat(connectors.due(ConnectorKind.X, Instant.now()))
                    .extracting(Connector::id)
                    .doesNotContain(x.id());

            server.enqueue(Response.of(
                    200,
                    "{\"data\":[" + tweet(T1, "101", "backchannel ist toll", "") + "]," + USERS
                            + ",\"meta\":{\"newest_id\":\"" + T1
                            + "\",\"result_count\":1,\"next_token\":\"b26v89c19zqg8o3f\"}}",
                    Map.of("x-rate-limit-remaining", "0", "x-rate-limit-reset", Long.toString(reset))));
            assertThat(polling.poll(connectors.get(x.id()))).isEqualTo(PollOutcome.NEW_POSTS);
            server.take();
            Thread.sleep(300);
            assertThat(server.requestCount()).isZero();
            Connector exhausted = connectors.get(x.id());
            assertThat(exhausted.cursor()).contains("b26v89c19zqg8o3f");
            assertThat(exhausted.statusKey()).isEqualTo("channels.status.healthy");
            assertThat(exhausted.nextAttemptAt()).isAfterOrEqualTo(before.plus(Duration.ofSeconds(895)));
        }
    }

    @Test
    void rejectedTokensBrokenAnswersAndHugePostsGiveAClearStatusWithoutACrash() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector x = PlatformFixtures.connector(
                    connectors, ConnectorKind.X, server.url(""), ACCOUNT, "", "x-token-0123456789");
            server.enqueue(Response.of(
                    401,
                    "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}",
                    JSON));
            assertThat(polling.poll(x)).isEqualTo(PollOutcome.FAILED);
            assertThat(connectors.get(x.id()).lastErrorKey()).isEqualTo("channels.x.token-rejected");

            server.enqueue(Response.of(200, "{\"data\":[{\"id\":\"1\",", JSON));
            assertThat(polling.poll(x)).isEqualTo(PollOutcome.FAILED);
            assertThat(connectors.get(x.id()).lastErrorKey()).isEqualTo("channels.x.malformed");

            byte[] invalidUtf8 =
                    "{\"data\":[{\"id\":\"5\",\"text\":\"caf\u00e9\"}]}".getBytes(StandardCharsets.ISO_8859_1);
            server.enqueue(new Response(200, JSON, invalidUtf8, 0));
            assertThat(polling.poll(x)).isEqualTo(PollOutcome.FAILED);
            assertThat(connectors.get(x.id()).lastErrorDetail()).contains("UTF-8");
            assertThat(posts.count(x.id())).isZero();

            String huge = "Ä".repeat(50_000);
            server.enqueue(Response.of(
                    200,
                    "{\"data\":[" + tweet(T1, "101", huge, "") + ",{\"id\":\"../../admin\",\"text\":\"evil\"}]," + USERS
                            + ",\"meta\":{\"newest_id\":\"" + T1 + "\",\"result_count\":2}}",
                    JSON));
            assertThat(polling.poll(x)).isEqualTo(PollOutcome.NEW_POSTS);
            assertThat(posts.count(x.id())).isEqualTo(1);
            assertThat(jdbc.sql("select length(text) from channels_post where connector_id = ?")
                            .param(x.id())
                            .query(Integer.class)
                            .single())
                    .isEqualTo(10_000);
            assertThat(connectors.get(x.id()).consecutiveFailures()).isZero();
            server.take();
            server.take();
            server.take();
            server.take();

            Connector tokenless =
                    PlatformFixtures.connector(connectors, ConnectorKind.X, server.url(""), ACCOUNT, "", null);
            assertThat(polling.poll(tokenless)).isEqualTo(PollOutcome.NO_CREDENTIALS);
            Thread.sleep(200);
            assertThat(server.requestCount()).isZero();
        }
    }

    @Test
    void aReplyIsPostedAsATweetInReplyOnceAndARefusalIsMappedToAFailure() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector x = PlatformFixtures.connector(
                    connectors, ConnectorKind.X, server.url(""), ACCOUNT, "", "x-user-token-0123456789");
            server.enqueue(Response.of(
                    201,
                    "{\"data\":{\"id\":\"1870000000000000001\",\"edit_history_tweet_ids\":[\"1870000000000000001\"],"
                            + "\"text\":\"@anna_k Wir melden uns per DM.\"}}",
                    JSON));
            UUID replyId =
                    PlatformFixtures.requestReply(transactions, publisher, x, T3, "@anna_k Wir melden uns per DM.");

            var sent = server.take();
            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.path()).isEqualTo("/2/tweets");
            assertThat(sent.header("Authorization")).isEqualTo("Bearer x-user-token-0123456789");
            assertThat(sent.header("Content-Type")).isEqualTo("application/json");
            JsonNode body = json.readTree(sent.body());
            assertThat(body.get("text").asString()).isEqualTo("@anna_k Wir melden uns per DM.");
            assertThat(body.get("reply").get("in_reply_to_tweet_id").asString()).isEqualTo(T3);
            assertThat(PlatformFixtures.awaitReply(jdbc, replyId)).isEqualTo("SENT/1870000000000000001/");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                            jdbc.sql("select kind from archive_item where platform = 'x' and source_id = ?")
                                    .param("1870000000000000001")
                                    .query(String.class)
                                    .list())
                    .containsExactly("REPLY"));

            transactions.executeWithoutResult(status -> publisher.publishEvent(new ReplyRequested(
                    replyId, x.id(), "x", T3, "@anna_k Wir melden uns per DM.", UUID.randomUUID(), Instant.now())));
            Thread.sleep(500);
            assertThat(server.requestCount()).isZero();

            server.enqueue(Response.of(
                    403,
                    "{\"title\":\"Forbidden\",\"type\":\"about:blank\",\"status\":403,\"detail\":\"You are not permitted to perform this action.\"}",
                    JSON));
            UUID refused = PlatformFixtures.requestReply(transactions, publisher, x, T3, "Noch einmal");
            server.take();
            assertThat(PlatformFixtures.awaitReply(jdbc, refused)).isEqualTo("FAILED//channels.x.forbidden");
        }
    }
}
