package io.backchannel.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
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
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.awaitility.core.ConditionTimeoutException;
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

    @Autowired
    DataSource data;

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

    /**
     * Waits until the stream ended with the event at {@code cursor} stored. When it does not, the failure says where the
     * connector, the stream's threads and the database pool stand, for a failure seen once in CI is read only there.
     */
    void awaitStreamEnd(UUID id, long cursor) throws SQLException {
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Long.toString(cursor).equals(connectors.get(id).cursor()) && !client.connected(id));
        } catch (ConditionTimeoutException e) {
            Connector now = connectors.get(id);
            HikariPoolMXBean pool = data.unwrap(HikariDataSource.class).getHikariPoolMXBean();
            StringBuilder state = new StringBuilder(String.format(
                    "The stream did not end at cursor %d: cursor %s, connected %b, %d posts, last error %s (%s);"
                            + " database pool: %d active, %d idle, %d waiting",
                    cursor,
                    now.cursor(),
                    client.connected(id),
                    posts.count(id),
                    now.lastErrorKey(),
                    now.lastErrorDetail(),
                    pool.getActiveConnections(),
                    pool.getIdleConnections(),
                    pool.getThreadsAwaitingConnection()));
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                if (thread.getName().startsWith("HttpClient")) {
                    state.append("\n").append(thread.getName());
                    Arrays.stream(stack).limit(25).forEach(frame -> state.append("\n    at ")
                            .append(frame));
                }
            });
            throw new AssertionError(state.toString(), e);
        }
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
        long maxTime = lastTime(recorded.subList(0, 80));

        assertThat(expectedFirst).isPositive();

        try (var server = new LoopbackWebSocketServer(first)) {
            connectors.update(id, connectors.get(id).name(), Map.of(Connector.URL, server.url()), null);
            client.connect(connectors.get(id));
            assertThat(server.takePath()).isEqualTo("/subscribe?wantedCollections=app.bsky.feed.post");
            awaitStreamEnd(id, maxTime);
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
            awaitStreamEnd(id, maxTime + 10_000_000L);
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
    void anEventTheDatabaseCannotTakeNowEndsTheStreamAndTheReconnectStoresIt() throws Exception {
        List<String> lines = recorded.subList(0, 80);
        int refusedAt = thirdPost(lines);
        long before = lastTime(lines.subList(0, refusedAt));
        UUID id = connectors.create(
                ConnectorKind.BLUESKY, "busy " + UUID.randomUUID(), Map.of(Connector.URL, "ws://placeholder"), null);

        // 40P01: the database chose this transaction as a deadlock's victim; the next attempt may well succeed.
        try (var refusal = refusing(id, postUri(lines.get(refusedAt)), "40P01");
                var server = new LoopbackWebSocketServer(lines)) {
            connectors.update(id, connectors.get(id).name(), Map.of(Connector.URL, server.url()), null);
            client.connect(connectors.get(id));
            server.takePath();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> "channels.error.store-failed"
                                    .equals(connectors.get(id).lastErrorKey())
                            && !client.connected(id));
        }
        assertThat(connectors.get(id).cursor()).isEqualTo(Long.toString(before));
        assertThat(posts.count(id)).isEqualTo(postsIn(lines.subList(0, refusedAt)));

        try (var server = new LoopbackWebSocketServer(lines)) {
            connectors.update(id, connectors.get(id).name(), Map.of(Connector.URL, server.url()), null);
            client.connect(connectors.get(id));
            assertThat(server.takePath()).endsWith("&cursor=" + (before - 5_000_000L));
            awaitStreamEnd(id, lastTime(lines));
        }
        assertThat(posts.count(id)).isEqualTo(postsIn(lines));
    }

    @Test
    void anEventTheDatabaseRefusesForGoodIsSkippedAndTheStreamGoesOn() throws Exception {
        List<String> lines = recorded.subList(0, 80);
        String refused = postUri(lines.get(thirdPost(lines)));
        UUID id = connectors.create(
                ConnectorKind.BLUESKY, "refused " + UUID.randomUUID(), Map.of(Connector.URL, "ws://placeholder"), null);

        // 23514: a check failed; this event would fail the same way on every attempt.
        try (var refusal = refusing(id, refused, "23514");
                var server = new LoopbackWebSocketServer(lines)) {
            connectors.update(id, connectors.get(id).name(), Map.of(Connector.URL, server.url()), null);
            client.connect(connectors.get(id));
            server.takePath();
            awaitStreamEnd(id, lastTime(lines));
        }
        assertThat(connectors.get(id).lastErrorKey()).isEqualTo("channels.error.stream-closed");
        assertThat(posts.count(id)).isEqualTo(postsIn(lines) - 1);
        assertThat(jdbc.sql("select count(*) from channels_post where connector_id = ? and external_id = ?")
                        .params(id, refused)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private int thirdPost(List<String> lines) {
        return IntStream.range(0, lines.size())
                .filter(i -> postsIn(List.of(lines.get(i))) == 1)
                .skip(2)
                .findFirst()
                .orElseThrow();
    }

    private String postUri(String line) {
        JsonNode event = json.readTree(line);
        return "at://" + event.path("did").asString() + "/app.bsky.feed.post/"
                + event.path("commit").path("rkey").asString();
    }

    private long lastTime(List<String> lines) {
        return lines.stream()
                .mapToLong(line -> json.readTree(line).path("time_us").asLong())
                .max()
                .orElseThrow();
    }

    /**
     * Makes PostgreSQL itself refuse to store one post of the connector, with the given SQLSTATE, until closed: a
     * trigger on the real table rather than a stand-in for the database.
     */
    private AutoCloseable refusing(UUID connector, String uri, String sqlState) {
        jdbc.sql(
                        """
                        create function refuse_test_post() returns trigger language plpgsql as $$
                        begin
                          if new.connector_id = '%s' and new.external_id = '%s' then
                            raise exception 'refused by the test' using errcode = '%s';
                          end if;
                          return new;
                        end $$"""
                                .formatted(connector, uri.replace("'", "''"), sqlState))
                .update();
        jdbc.sql("create trigger refuse_test_post before insert on channels_post for each row"
                        + " execute function refuse_test_post()")
                .update();
        return () -> jdbc.sql("drop function refuse_test_post() cascade").update();
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
            awaitStreamEnd(id, lastTime(recorded));
        }
        assertThat(jdbc.sql("select distinct author_handle from channels_post where connector_id = ?")
                        .param(id)
                        .query(String.class)
                        .list())
                .containsExactly(did);
    }
}
