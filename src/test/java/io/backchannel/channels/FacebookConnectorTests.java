package io.backchannel.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.IntegrationTest;
import io.backchannel.channels.LoopbackServer.Response;
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

/** The Facebook Graph API connector against recorded answers in Graph's format, served on the loopback address. */
@IntegrationTest
@RecordApplicationEvents
@TestPropertySource(properties = "backchannel.channels.http-timeout=2s")
class FacebookConnectorTests extends ApiConnectorTest {

    static final String PAGE = "1061234";
    static final Map<String, String> JSON = Map.of("Content-Type", "application/json; charset=UTF-8");

    static String post(String id, String time, String fromId, String fromName, String message, String comments) {
        return "{\"id\":\"" + id + "\",\"message\":\"" + message + "\",\"created_time\":\"" + time
                + "\",\"from\":{\"id\":\"" + fromId + "\",\"name\":\"" + fromName
                + "\"},\"permalink_url\":\"https://www.facebook.com/" + PAGE + "/posts/" + id
                + "\",\"comments\":{\"data\":[" + comments
                + "],\"paging\":{\"cursors\":{\"before\":\"MQZDZD\",\"after\":\"MQZDZD\"}}}}";
    }

    static String comment(String id, String time, String fromId, String fromName, String message) {
        return "{\"id\":\"" + id + "\",\"message\":\"" + message + "\",\"created_time\":\"" + time
                + "\",\"from\":{\"id\":\"" + fromId + "\",\"name\":\"" + fromName + "\"}}";
    }

    static String feed(String data, String after, boolean next) {
        return "{\"data\":[" + data + "],\"paging\":{\"cursors\":{\"before\":\"QVFIUjBEFORE\",\"after\":\"" + after
                + "\"}"
                + (next ? ",\"next\":\"https://graph.facebook.com/v23.0/" + PAGE + "/feed?after=" + after + "\"" : "")
                + "}}";
    }

    static String error(int code, String type, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"code\":" + code
                + ",\"error_subcode\":463,\"fbtrace_id\":\"AbCdEf123\"}}";
    }

    @Test
    void theFeedAndItsCommentsArePagedCapturedOnceAndResumedAfterARateLimit() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector page = PlatformFixtures.connector(
                    connectors, ConnectorKind.FACEBOOK, server.url(""), PAGE, "", "EAAG-page-token-0123456789");
            server.enqueue(
                    Response.of(
                            200,
                            feed(
                                    post(
                                            PAGE + "_2002",
                                            "2026-11-20T10:05:00+0000",
                                            "9001",
                                            "Anna Beispiel",
                                            "Meine Bestellung fehlt!",
                                            comment(
                                                    "2002_3001",
                                                    "2026-11-20T10:07:00+0000",
                                                    PAGE,
                                                    "Backchannel",
                                                    "Das tut uns leid.")),
                                    "QVFIUkFTERONE",
                                    true),
                            JSON),
                    Response.of(
                            400,
                            error(32, "OAuthException", "Page request limit reached"),
                            Map.of(
                                    "Content-Type",
                                    "application/json",
                                    "X-Business-Use-Case-Usage",
                                    "{\"" + PAGE + "\":[{\"type\":\"pages\",\"call_count\":100,\"total_cputime\":25,"
                                            + "\"total_time\":25,\"estimated_time_to_regain_access\":30}]}")));
            Instant before = Instant.now();
            assertThat(polling.poll(page)).isEqualTo(PollOutcome.FAILED);
            var first = server.take();
            assertThat(first.path()).startsWith("/v23.0/" + PAGE + "/feed?limit=25&fields=");
            assertThat(URLDecoder.decode(first.path(), StandardCharsets.UTF_8))
                    .contains("comments.limit(100){id,message,created_time,from{id,name},permalink_url,parent{id}}")
                    .doesNotContain("since=");
            assertThat(first.header("Authorization")).isEqualTo("Bearer EAAG-page-token-0123456789");
            assertThat(server.take().path()).contains("after=QVFIUkFTERONE");
            Connector limited = connectors.get(page.id());
            assertThat(limited.lastErrorKey()).isEqualTo("channels.error.rate-limited");
            assertThat(limited.lastErrorDetail()).contains("code 32").contains("AbCdEf123");
            assertThat(limited.nextAttemptAt()).isAfterOrEqualTo(before.plus(Duration.ofMinutes(29)));
            assertThat(posts.count(page.id())).isEqualTo(2);

            server.enqueue(
                    Response.of(
                            200,
                            feed(
                                    post(
                                                    PAGE + "_2002",
                                                    "2026-11-20T10:05:00+0000",
                                                    "9001",
                                                    "Anna Beispiel",
                                                    "Meine Bestellung fehlt!",
                                                    "")
                                            + ","
                                            + post(
                                                    PAGE + "_2001",
                                                    "2026-11-19T08:00:00+0000",
                                                    "9002",
                                                    "Ben",
                                                    "Tolle Aktion",
                                                    comment(
                                                            "2001_3000",
                                                            "2026-11-19T09:00:00+0000",
                                                            "9003",
                                                            "Cem",
                                                            "Finde ich auch")),
                                    "QVFIUkFTERTWO",
                                    false),
                            JSON),
                    Response.of(200, "{\"data\":[],\"paging\":{}}", JSON));
            assertThat(polling.poll(connectors.get(page.id()))).isEqualTo(PollOutcome.NEW_POSTS);
            assertThat(server.take().path()).contains("after=QVFIUkFTERONE").doesNotContain("since=");
            assertThat(posts.count(page.id())).isEqualTo(4);
            long newest = Instant.parse("2026-11-20T10:05:00Z").getEpochSecond();
            assertThat(polling.poll(connectors.get(page.id()))).isEqualTo(PollOutcome.UNCHANGED);
            assertThat(server.take().path()).contains("since=" + newest).doesNotContain("after=");

            var captured = CapturedPosts.in(events)
                    .filter(post -> post.connectorId().equals(page.id()))
                    .toList();
            assertThat(captured)
                    .extracting(PostCaptured::externalId)
                    .containsExactlyInAnyOrder(PAGE + "_2002", "2002_3001", PAGE + "_2001", "2001_3000");
            assertThat(captured)
                    .filteredOn(post -> post.externalId().equals("2002_3001"))
                    .singleElement()
                    .satisfies(reply -> {
                        assertThat(reply.channel()).isEqualTo("facebook");
                        assertThat(reply.inReplyToExternalId()).isEqualTo(PAGE + "_2002");
                        assertThat(reply.fromCompany()).isTrue();
                        assertThat(reply.postedAt()).isEqualTo(Instant.parse("2026-11-20T10:07:00Z"));
                    });
        }
    }

    @Test
    void anExpiredTokenBrokenBytesAndAUsedUpQuotaShowOnTheStatus() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector page = PlatformFixtures.connector(
                    connectors, ConnectorKind.FACEBOOK, server.url(""), PAGE, "", "EAAG-page-token-0123456789");
            server.enqueue(Response.of(
                    401, error(190, "OAuthException", "Error validating access token: Session has expired"), JSON));
            assertThat(polling.poll(page)).isEqualTo(PollOutcome.FAILED);
            assertThat(connectors.get(page.id()).lastErrorKey()).isEqualTo("channels.facebook.token-expired");

            server.enqueue(new Response(200, JSON, new byte[] {'{', '"', 'd', (byte) 0xC3, (byte) 0x28, '"', '}'}, 0));
            assertThat(polling.poll(page)).isEqualTo(PollOutcome.FAILED);
            assertThat(connectors.get(page.id()).lastErrorKey()).isEqualTo("channels.facebook.malformed");

            server.enqueue(Response.of(200, "<html>Bad gateway</html>", Map.of("Content-Type", "text/html")));
            assertThat(polling.poll(page)).isEqualTo(PollOutcome.FAILED);
            assertThat(connectors.get(page.id()).lastErrorKey()).isEqualTo("channels.facebook.malformed");

            server.enqueue(Response.of(
                    200,
                    feed(
                            post(
                                    PAGE + "_2003",
                                    "2026-11-20T11:00:00+0000",
                                    "9001",
                                    "Anna",
                                    "<script>alert(1)</script>",
                                    ""),
                            "NEXT",
                            true),
                    Map.of(
                            "Content-Type",
                            "application/json",
                            "X-App-Usage",
                            "{\"call_count\":96,\"total_cputime\":10,\"total_time\":12}")));
            assertThat(polling.poll(page)).isEqualTo(PollOutcome.NEW_POSTS);
            for (int i = 0; i < 4; i++) {
                server.take();
            }
            Thread.sleep(300);
            assertThat(server.requestCount()).isZero();
            assertThat(connectors.get(page.id()).cursor()).contains("NEXT");
            assertThat(connectors.get(page.id()).statusKey()).isEqualTo("channels.status.healthy");
        }
    }

    @Test
    void aReplyIsPostedAsACommentAndAnExpiredTokenFailsIt() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector page = PlatformFixtures.connector(
                    connectors, ConnectorKind.FACEBOOK, server.url(""), PAGE, "", "EAAG-page-token-0123456789");
            server.enqueue(Response.of(200, "{\"id\":\"2002_3005\"}", JSON));
            UUID replyId = PlatformFixtures.requestReply(
                    transactions, publisher, page, "2002_3001", "Wir prüfen das & melden uns.");
            var sent = server.take();
            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.path()).isEqualTo("/v23.0/2002_3001/comments");
            assertThat(sent.header("Authorization")).isEqualTo("Bearer EAAG-page-token-0123456789");
            assertThat(sent.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
            assertThat(URLDecoder.decode(new String(sent.body(), StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                    .isEqualTo("message=Wir prüfen das & melden uns.");
            assertThat(PlatformFixtures.awaitReply(jdbc, replyId)).isEqualTo("SENT/2002_3005/");

            server.enqueue(Response.of(400, error(190, "OAuthException", "Session has expired"), JSON));
            UUID expired = PlatformFixtures.requestReply(transactions, publisher, page, "2002_3001", "Noch da?");
            server.take();
            assertThat(PlatformFixtures.awaitReply(jdbc, expired)).isEqualTo("FAILED//channels.facebook.token-expired");

            UUID hostile = PlatformFixtures.requestReply(transactions, publisher, page, "../me/feed", "Hallo");
            assertThat(PlatformFixtures.awaitReply(jdbc, hostile)).isEqualTo("FAILED//channels.reply.refused");
            assertThat(server.requestCount()).isZero();
        }
    }
}
