package io.backchannel.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.IntegrationTest;
import io.backchannel.channels.LoopbackServer.Response;
import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.PollOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

/** The LinkedIn REST connector against recorded answers in LinkedIn's format, served on the loopback address. */
@IntegrationTest
@RecordApplicationEvents
@TestPropertySource(properties = "backchannel.channels.http-timeout=2s")
class LinkedInConnectorTests extends ApiConnectorTest {

    static final String ORG = "urn:li:organization:2414183";
    static final String SHARE = "urn:li:share:7001";
    static final String UGC = "urn:li:ugcPost:7002";
    static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    static String comment(String activity, long id, String actor, long time, String text, String parent) {
        String urn = "urn:li:comment:(" + activity + "," + id + ")";
        return "{\"actor\":\"" + actor + "\",\"agent\":\"" + actor + "\",\"commentUrn\":\"" + urn + "\",\"$URN\":\""
                + urn + "\",\"id\":\"" + id + "\",\"created\":{\"actor\":\"" + actor + "\",\"time\":" + time
                + "},\"lastModified\":{\"actor\":\"" + actor + "\",\"time\":" + time
                + "},\"message\":{\"attributes\":[],\"text\":\"" + text + "\"},\"object\":\"" + activity + "\""
                + (parent.isEmpty() ? "" : ",\"parentComment\":\"" + parent + "\"") + "}";
    }

    static String page(String elements, int start, int count, int total) {
        return "{\"paging\":{\"start\":" + start + ",\"count\":" + count + ",\"total\":" + total
                + ",\"links\":[]},\"elements\":[" + elements + "]}";
    }

    static String recentPosts() {
        return page(
                "{\"id\":\"" + SHARE + "\",\"author\":\"" + ORG + "\",\"commentary\":\"Neu: Version 5\"},"
                        + "{\"id\":\"" + UGC + "\",\"author\":\"" + ORG + "\",\"commentary\":\"Wir stellen ein\"}",
                0,
                10,
                2);
    }

    @Test
    void commentsOnTheOrganisationsPostsArePagedAndCapturedOnceAcrossRestarts() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector linkedin = PlatformFixtures.connector(
                    connectors, ConnectorKind.LINKEDIN, server.url(""), ORG, "", "AQV-linkedin-token-0123456789");
            String fullPage = IntStream.rangeClosed(1, 50)
                    .mapToObj(i -> comment(SHARE, 6000 + i, "urn:li:person:p" + i, T0 + i, "Kommentar " + i, ""))
                    .collect(Collectors.joining(","));
            server.enqueue(
                    Response.of(200, recentPosts(), JSON),
                    Response.of(200, page(fullPage, 0, 50, 51), JSON),
                    Response.of(
                            200,
                            page(comment(SHARE, 6051, "urn:li:person:p51", T0 + 51, "Letzter", ""), 50, 50, 51),
                            JSON),
                    Response.of(
                            200,
                            page(
                                    comment(UGC, 6100, "urn:li:person:anna", T0 + 100, "Ist die Stelle remote?", "")
                                            + ","
                                            + comment(
                                                    UGC,
                                                    6101,
                                                    ORG,
                                                    T0 + 200,
                                                    "Ja, ganz remote.",
                                                    "urn:li:comment:(" + UGC + ",6100)"),
                                    0,
                                    50,
                                    2),
                            JSON));
            assertThat(polling.poll(linkedin)).isEqualTo(PollOutcome.NEW_POSTS);
            var list = server.take();
            assertThat(list.path())
                    .isEqualTo(
                            "/rest/posts?q=author&author=urn%3Ali%3Aorganization%3A2414183&count=10&sortBy=LAST_MODIFIED");
            assertThat(list.header("LinkedIn-Version")).isEqualTo("202510");
            assertThat(list.header("X-Restli-Protocol-Version")).isEqualTo("2.0.0");
            assertThat(list.header("Authorization")).isEqualTo("Bearer AQV-linkedin-token-0123456789");
            assertThat(server.take().path())
                    .isEqualTo("/rest/socialActions/urn%3Ali%3Ashare%3A7001/comments?start=0&count=50");
            assertThat(server.take().path()).endsWith("/comments?start=50&count=50");
            assertThat(server.take().path())
                    .startsWith("/rest/socialActions/urn%3Ali%3AugcPost%3A7002/comments?start=0");
            assertThat(posts.count(linkedin.id())).isEqualTo(53);
            assertThat(connectors.get(linkedin.id()).cursor()).isEqualTo(Long.toString(T0 + 200));

            // As after a restart: the cursor comes from the database; a late comment with an older time is still taken.
            server.enqueue(
                    Response.of(200, recentPosts(), JSON),
                    Response.of(
                            200,
                            page(
                                    comment(SHARE, 6051, "urn:li:person:p51", T0 + 51, "Letzter", "") + ","
                                            + comment(SHARE, 6052, "urn:li:person:late", T0 + 60, "Verspätet", ""),
                                    0,
                                    50,
                                    2),
                            JSON),
                    Response.of(200, page("", 0, 50, 0), JSON));
            assertThat(polling.poll(connectors.get(linkedin.id()))).isEqualTo(PollOutcome.NEW_POSTS);
            assertThat(posts.count(linkedin.id())).isEqualTo(54);
            assertThat(connectors.get(linkedin.id()).statusKey()).isEqualTo("channels.status.healthy");

            var captured = CapturedPosts.in(events)
                    .filter(post -> post.connectorId().equals(linkedin.id()))
                    .toList();
            assertThat(captured).hasSize(54);
            assertThat(captured)
                    .filteredOn(post -> post.externalId().equals("urn:li:comment:(" + UGC + ",6101)"))
                    .singleElement()
                    .satisfies(answer -> {
                        assertThat(answer.channel()).isEqualTo("linkedin");
                        assertThat(answer.fromCompany()).isTrue();
                        assertThat(answer.inReplyToExternalId()).isEqualTo("urn:li:comment:(" + UGC + ",6100)");
                        assertThat(answer.postedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 200));
                    });
        }
    }

    @Test
    void aRateLimitARejectedTokenAndGarbageShowOnTheStatus() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector linkedin = PlatformFixtures.connector(
                    connectors, ConnectorKind.LINKEDIN, server.url(""), ORG, "", "AQV-linkedin-token-0123456789");
            Instant before = Instant.now();
            server.enqueue(Response.of(
                    429,
                    "{\"status\":429,\"serviceErrorCode\":101,\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"Resource level throttle limit reached\"}",
                    Map.of("Content-Type", "application/json", "Retry-After", "3600")));
            assertThat(polling.poll(linkedin)).isEqualTo(PollOutcome.FAILED);
            Connector limited = connectors.get(linkedin.id());
            assertThat(limited.lastErrorKey()).isEqualTo("channels.error.rate-limited");
            assertThat(limited.lastErrorDetail()).contains("throttle");
            assertThat(limited.nextAttemptAt()).isAfterOrEqualTo(before.plus(Duration.ofMinutes(59)));

            server.enqueue(Response.of(
                    401,
                    "{\"status\":401,\"serviceErrorCode\":65601,\"code\":\"REVOKED_ACCESS_TOKEN\",\"message\":\"The token used in the request has been revoked by the user\"}",
                    JSON));
            assertThat(polling.poll(linkedin)).isEqualTo(PollOutcome.FAILED);
            assertThat(connectors.get(linkedin.id()).lastErrorKey()).isEqualTo("channels.linkedin.token-rejected");

            server.enqueue(Response.of(200, recentPosts(), JSON), Response.of(200, "{\"elements\":[", JSON));
            assertThat(polling.poll(linkedin)).isEqualTo(PollOutcome.FAILED);
            assertThat(connectors.get(linkedin.id()).lastErrorKey()).isEqualTo("channels.linkedin.malformed");
            assertThat(posts.count(linkedin.id())).isZero();
        }
    }

    @Test
    void aReplyIsPostedAsTheOrganisationsCommentAndARefusalFailsIt() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector linkedin = PlatformFixtures.connector(
                    connectors, ConnectorKind.LINKEDIN, server.url(""), ORG, "", "AQV-linkedin-token-0123456789");
            String commentUrn = "urn:li:comment:(urn:li:activity:7001,6001)";
            String created = "urn:li:comment:(urn:li:activity:7001,6002)";
            server.enqueue(Response.of(201, "", Map.of("x-restli-id", created)));
            UUID replyId = PlatformFixtures.requestReply(
                    transactions, publisher, linkedin, commentUrn, "Danke für die Frage!");
            var sent = server.take();
            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.path())
                    .isEqualTo(
                            "/rest/socialActions/urn%3Ali%3Acomment%3A%28urn%3Ali%3Aactivity%3A7001%2C6001%29/comments");
            assertThat(sent.header("LinkedIn-Version")).isEqualTo("202510");
            assertThat(sent.header("X-Restli-Protocol-Version")).isEqualTo("2.0.0");
            assertThat(sent.header("Content-Type")).isEqualTo("application/json");
            JsonNode body = json.readTree(sent.body());
            assertThat(body.get("actor").asString()).isEqualTo(ORG);
            assertThat(body.get("object").asString()).isEqualTo("urn:li:activity:7001");
            assertThat(body.get("parentComment").asString()).isEqualTo(commentUrn);
            assertThat(body.get("message").get("text").asString()).isEqualTo("Danke für die Frage!");
            assertThat(PlatformFixtures.awaitReply(jdbc, replyId)).isEqualTo("SENT/" + created + "/");

            server.enqueue(Response.of(
                    403,
                    "{\"status\":403,\"serviceErrorCode\":100,\"code\":\"ACCESS_DENIED\",\"message\":\"Not enough permissions to access: partnerApiSocialActions.CREATE\"}",
                    JSON));
            UUID refused = PlatformFixtures.requestReply(transactions, publisher, linkedin, SHARE, "Hallo");
            var second = server.take();
            assertThat(json.readTree(second.body()).get("object").asString()).isEqualTo(SHARE);
            assertThat(json.readTree(second.body()).has("parentComment")).isFalse();
            assertThat(PlatformFixtures.awaitReply(jdbc, refused)).isEqualTo("FAILED//channels.linkedin.forbidden");
        }
    }
}
