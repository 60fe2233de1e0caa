package io.backchannel.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.IntegrationTest;
import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.Connectors;
import io.backchannel.channels.internal.Posts;
import io.backchannel.channels.internal.feeds.FeedPoller;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Feed connectors polling a real HTTP server on the loopback address. */
@IntegrationTest
@RecordApplicationEvents
@TestPropertySource(properties = "backchannel.channels.http-timeout=2s")
class FeedPollingTests {

    static final String RSS =
            """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Kundenforum</title><link>https://forum.example/</link>
            <language>de</language>
            %s
            </channel></rss>""";

    static String item(String guid, String title) {
        return "<item><guid>" + guid + "</guid><title>" + title + "</title><link>https://forum.example/t/" + guid
                + "</link><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate><description>Text zu " + title
                + "</description></item>";
    }

    @Autowired
    Connectors connectors;

    @Autowired
    Posts posts;

    @Autowired
    FeedPoller poller;

    @Autowired
    ApplicationEvents events;

    Connector feed(String url) {
        return connectors.get(connectors.create(
                ConnectorKind.FEED,
                "feed " + UUID.randomUUID(),
                Map.of(Connector.URL, url, Connector.INTERVAL_MINUTES, "5"),
                null));
    }

    @Test
    void newEntriesAreCapturedOnceAndAnUnchangedFeedIsAskedConditionally() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector feed = feed(server.url("/feed.xml"));
            server.enqueue(
                    LoopbackServer.Response.of(
                            200,
                            RSS.formatted(item("1", "Router kaputt") + item("2", "Danke!")),
                            Map.of(
                                    "Content-Type", "application/rss+xml; charset=utf-8",
                                    "ETag", "\"v1\"",
                                    "Last-Modified", "Fri, 20 Nov 2026 10:00:00 GMT")),
                    LoopbackServer.Response.of(304, "", Map.of()),
                    LoopbackServer.Response.of(
                            200,
                            RSS.formatted(item("3", "Neu") + item("1", "Router kaputt") + item("2", "Danke!")),
                            Map.of("Content-Type", "application/rss+xml", "ETag", "\"v2\"")));

            assertThat(poller.poll(feed)).isEqualTo(FeedPoller.Outcome.NEW_ENTRIES);
            assertThat(server.take().header("If-None-Match")).isNull();
            assertThat(posts.count(feed.id())).isEqualTo(2);

            assertThat(poller.poll(connectors.get(feed.id()))).isEqualTo(FeedPoller.Outcome.UNCHANGED);
            var conditional = server.take();
            assertThat(conditional.header("If-None-Match")).isEqualTo("\"v1\"");
            assertThat(conditional.header("If-Modified-Since")).isEqualTo("Fri, 20 Nov 2026 10:00:00 GMT");

            assertThat(poller.poll(connectors.get(feed.id()))).isEqualTo(FeedPoller.Outcome.NEW_ENTRIES);
            server.take();
            assertThat(posts.count(feed.id())).isEqualTo(3);
            assertThat(CapturedPosts.in(events).filter(e -> e.connectorId().equals(feed.id())))
                    .extracting(PostCaptured::externalId)
                    .containsExactlyInAnyOrder("1", "2", "3");
            assertThat(CapturedPosts.in(events)
                            .filter(e -> e.connectorId().equals(feed.id()))
                            .findFirst()
                            .orElseThrow())
                    .satisfies(post -> {
                        assertThat(post.channel()).isEqualTo("feed");
                        assertThat(post.languageHint()).isEqualTo("de");
                        assertThat(post.authorName()).isEqualTo("Kundenforum");
                    });
            Connector healthy = connectors.get(feed.id());
            assertThat(healthy.consecutiveFailures()).isZero();
            assertThat(healthy.cursor()).startsWith("\"v2\"");
        }
    }

    @Test
    void aRateLimitBacksOffAsLongAsTheServerAsks() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector feed = feed(server.url("/feed.xml"));
            server.enqueue(LoopbackServer.Response.of(429, "slow down", Map.of("Retry-After", "600")));
            Instant before = Instant.now();
            assertThat(poller.poll(feed)).isEqualTo(FeedPoller.Outcome.FAILED);
            Connector limited = connectors.get(feed.id());
            assertThat(limited.lastErrorKey()).isEqualTo("channels.error.rate-limited");
            assertThat(limited.nextAttemptAt()).isAfterOrEqualTo(before.plus(Duration.ofSeconds(599)));
            assertThat(connectors.due(ConnectorKind.FEED, Instant.now()))
                    .extracting(Connector::id)
                    .doesNotContain(feed.id());
        }
    }

    @Test
    void serverErrorsTimeoutsAndGarbageAreCountedAsFailuresWithoutStoringAnything() throws Exception {
        try (var server = new LoopbackServer()) {
            Connector feed = feed(server.url("/feed.xml"));
            server.enqueue(
                    LoopbackServer.Response.of(500, "oops", Map.of()),
                    new LoopbackServer.Response(200, Map.of(), RSS.formatted("").getBytes(), 3_000),
                    LoopbackServer.Response.of(200, "\u0000<<garbage>>", Map.of("Content-Type", "text/xml")),
                    LoopbackServer.Response.of(
                            200,
                            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a SYSTEM \"file:///etc/passwd\">]>"
                                    + "<rss version=\"2.0\"><channel><title>&a;</title></channel></rss>",
                            Map.of("Content-Type", "application/rss+xml")));
            assertThat(poller.poll(feed)).isEqualTo(FeedPoller.Outcome.FAILED);
            assertThat(connectors.get(feed.id()).lastErrorKey()).isEqualTo("channels.error.http-status");
            assertThat(poller.poll(feed)).isEqualTo(FeedPoller.Outcome.FAILED);
            assertThat(connectors.get(feed.id()).lastErrorKey()).isEqualTo("channels.error.timeout");
            assertThat(poller.poll(feed)).isEqualTo(FeedPoller.Outcome.FAILED);
            assertThat(connectors.get(feed.id()).lastErrorKey()).isEqualTo("channels.feed.malformed");
            assertThat(poller.poll(feed)).isEqualTo(FeedPoller.Outcome.FAILED);
            Connector failing = connectors.get(feed.id());
            assertThat(failing.lastErrorKey()).isEqualTo("channels.feed.doctype");
            assertThat(failing.consecutiveFailures()).isEqualTo(4);
            assertThat(posts.count(feed.id())).isZero();
        }
    }

    @Test
    void anUnreachableFeedIsAFailureWithAClearReason() throws Exception {
        Connector feed = feed(LoopbackServer.closedUrl("/feed.xml"));
        assertThat(poller.poll(feed)).isEqualTo(FeedPoller.Outcome.FAILED);
        assertThat(connectors.get(feed.id()).lastErrorKey()).isEqualTo("channels.error.unreachable");
    }
}
