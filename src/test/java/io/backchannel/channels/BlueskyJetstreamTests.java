package io.backchannel.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.backchannel.IntegrationTest;
import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.Connectors;
import io.backchannel.channels.internal.Posts;
import io.backchannel.channels.internal.bluesky.JetstreamClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Bluesky connector against a real WebSocket server on the loopback address replaying 152 events recorded from
 * the production Jetstream (read from the shared corpora): only posts are held, malformed lines do not stop the
 * stream, deletes of held posts are noted, and a reconnect resumes from the stored cursor without duplicates.
 */
@IntegrationTest
class BlueskyJetstreamTests {

    static List<String> recorded;

    @Autowired
    Connectors connectors;

    @Autowired
    Posts posts;

    @Autowired
    JetstreamClient client;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @BeforeAll
    static void readCorpus() throws IOException {
        String configured = System.getenv("BACKCHANNEL_CORPORA");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "shared", "corpora");
        Path file = root.resolve("bluesky-jetstream/bluesky_jetstream_expected_v1.jsonl");
        if (configured != null && !Files.exists(file)) {
            throw new IllegalStateException("BACKCHANNEL_CORPORA is set but " + file + " is missing");
        }
        Assumptions.assumeTrue(Files.exists(file), "Jetstream corpus not present");
        recorded = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .toList();
    }

    long postsIn(List<String> lines) {
        return lines.stream()
                .map(json::readTree)
                .filter(event -> event.path("commit")
                                .path("collection")
                                .asString("")
                                .equals("app.bsky.feed.post")
                        && event.path("commit").path("operation").asString("").equals("create"))
                .count();
    }

    @Test
    void onlyPostsAreHeldMalformedLinesAreSkippedAndARestartResumesFromTheCursor() throws Exception {
        assertThat(recorded).hasSize(152);
        List<String> first = new ArrayList<>(recorded.subList(0, 80));
        first.add(10, "{not json at all");
        first.add(20, "\u0000\u0001");
        first.add(30, "{\"kind\":\"commit\"}");
        UUID id = connectors.create(
                ConnectorKind.BLUESKY, "bluesky " + UUID.randomUUID(), Map.of(Connector.URL, "ws://placeholder"), null);
        long expectedFirst = postsIn(recorded.subList(0, 80));
        long maxTime = recorded.subList(0, 80).stream()
                .mapToLong(line -> json.readTree(line).path("time_us").asLong())
                .max()
                .orElseThrow();

        assertThat(expectedFirst).isPositive();

        try (var server = new LoopbackWebSocketServer(first)) {
            connectors.update(id, connectors.get(id).name(), Map.of(Connector.URL, server.url()), null);
            client.connect(connectors.get(id));
            assertThat(server.takePath()).isEqualTo("/subscribe?wantedCollections=app.bsky.feed.post");
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            Long.toString(maxTime).equals(connectors.get(id).cursor()) && !client.connected(id));
        }
        assertThat(posts.count(id)).isEqualTo(expectedFirst);
        Connector afterFirst = connectors.get(id);
        assertThat(afterFirst.cursor()).isEqualTo(Long.toString(maxTime));
        assertThat(afterFirst.lastErrorKey()).isEqualTo("channels.error.stream-closed");

        JsonNode heldPost = recorded.subList(0, 80).stream()
                .map(json::readTree)
                .filter(event ->
                        event.path("commit").path("collection").asString("").equals("app.bsky.feed.post"))
                .findFirst()
                .orElseThrow();
        String did = heldPost.path("did").asString();
        String rkey = heldPost.path("commit").path("rkey").asString();
        List<String> replay = new ArrayList<>(recorded);
        replay.add("{\"did\":\"" + did + "\",\"time_us\":" + (maxTime + 10_000_000L)
                + ",\"kind\":\"commit\",\"commit\":{\"rev\":\"x\",\"operation\":\"delete\","
                + "\"collection\":\"app.bsky.feed.post\",\"rkey\":\"" + rkey + "\"}}");

        try (var server = new LoopbackWebSocketServer(replay)) {
            connectors.update(id, afterFirst.name(), Map.of(Connector.URL, server.url()), null);
            client.connect(connectors.get(id));
            assertThat(server.takePath())
                    .isEqualTo("/subscribe?wantedCollections=app.bsky.feed.post&cursor=" + (maxTime - 5_000_000L));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Long.toString(maxTime + 10_000_000L)
                                    .equals(connectors.get(id).cursor())
                            && !client.connected(id));
        }
        assertThat(posts.count(id)).isEqualTo(postsIn(recorded));
        assertThat(posts.deleted(id, "at://" + did + "/app.bsky.feed.post/" + rkey))
                .isTrue();
        assertThat(jdbc.sql("select count(distinct external_id) from channels_post where connector_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(postsIn(recorded));
        assertThat(jdbc.sql("select language from channels_post where connector_id = ? and language is not null")
                        .param(id)
                        .query(String.class)
                        .list())
                .isNotEmpty();
    }

    @Test
    void filtersKeepOnlyMatchingPosts() throws Exception {
        JsonNode post = recorded.stream()
                .map(json::readTree)
                .filter(event -> event.path("commit")
                                .path("collection")
                                .asString("")
                                .equals("app.bsky.feed.post")
                        && event.path("commit").path("operation").asString("").equals("create"))
                .findFirst()
                .orElseThrow();
        String did = post.path("did").asString();
        UUID id = connectors.create(
                ConnectorKind.BLUESKY,
                "filtered " + UUID.randomUUID(),
                Map.of(Connector.URL, "ws://placeholder", Connector.FILTERS, did + ", zzqqxxnothingmatches"),
                null);
        try (var server = new LoopbackWebSocketServer(recorded)) {
            connectors.update(
                    id,
                    connectors.get(id).name(),
                    Map.of(Connector.URL, server.url(), Connector.FILTERS, did + ", zzqqxxnothingmatches"),
                    null);
            client.connect(connectors.get(id));
            server.takePath();
            String last = Long.toString(recorded.stream()
                    .mapToLong(line -> json.readTree(line).path("time_us").asLong())
                    .max()
                    .orElseThrow());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> last.equals(connectors.get(id).cursor()) && !client.connected(id));
        }
        assertThat(jdbc.sql("select distinct author_handle from channels_post where connector_id = ?")
                        .param(id)
                        .query(String.class)
                        .list())
                .containsExactly(did);
    }
}
