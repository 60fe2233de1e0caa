package io.backchannel.channels.internal.imports;

import static io.backchannel.channels.internal.imports.CollectingSink.read;
import static io.backchannel.channels.internal.imports.TestCar.car;
import static io.backchannel.channels.internal.imports.TestCar.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureKind;
import io.backchannel.channels.internal.imports.TestCar.Block;
import io.backchannel.channels.internal.imports.TestCar.Repository;
import io.backchannel.identity.NaughtyStringsTests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BlueskyExportTests {

    private static final String DID = "did:plc:acme4example7abc";
    private static final String FILE = "repo.car";

    private final BlueskyExport format = new BlueskyExport();

    private static Block post(String text, String createdAt, Object... more) {
        var record = map("$type", "app.bsky.feed.post", "text", text, "createdAt", createdAt);
        record.putAll(map(more));
        return Block.of(record);
    }

    private static List<Block> blocks(Repository repository) {
        var blocks = new ArrayList<Block>(repository.records());
        blocks.add(repository.tree());
        blocks.add(repository.commit());
        return blocks;
    }

    @Test
    void readsThePostsOfARepositoryWhateverTheOrderOfItsBlocks() throws IOException {
        String text = "Grüße! Read more at example.com/launch… 🚀";
        int start = "Grüße! Read more at ".getBytes(StandardCharsets.UTF_8).length;
        int end = start + "example.com/launch…".getBytes(StandardCharsets.UTF_8).length;
        var records = new LinkedHashMap<String, Block>();
        records.put(
                "app.bsky.feed.post/3kaaa0001",
                post(
                        text,
                        "2024-05-01T10:00:00.000Z",
                        "langs",
                        List.of("de-DE"),
                        "facets",
                        List.of(map(
                                "index",
                                map("byteStart", (long) start, "byteEnd", (long) end),
                                "features",
                                List.of(map(
                                        "$type",
                                        "app.bsky.richtext.facet#link",
                                        "uri",
                                        "https://example.com/launch-2024?ref=bsky"))))));
        records.put(
                "app.bsky.feed.post/3kaaa0002",
                post(
                        "Thanks, we will look into it.",
                        "2024-05-02T11:30:00+02:00",
                        "reply",
                        map(
                                "root", map("uri", "at://did:plc:other/app.bsky.feed.post/1", "cid", "x"),
                                "parent", map("uri", "at://did:plc:other/app.bsky.feed.post/2", "cid", "y"))));
        records.put(
                "app.bsky.feed.post/3kaaa0003",
                post(
                        "Our new blog post",
                        "2024-05-03T09:00:00Z",
                        "embed",
                        map(
                                "$type",
                                "app.bsky.embed.external",
                                "external",
                                map("uri", "https://blog.example.com/new", "title", "New"))));
        records.put("app.bsky.feed.like/3kaaa0004", Block.of(map("$type", "app.bsky.feed.like", "createdAt", "x")));
        records.put("app.bsky.actor.profile/self", Block.of(map("displayName", "Acme")));
        Repository repository = Repository.of(DID, records);

        var sink = read(format, FILE, car(repository.roots(), blocks(repository)));

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.texts())
                .containsExactly(
                        "Grüße! Read more at https://example.com/launch-2024?ref=bsky 🚀",
                        "Thanks, we will look into it.",
                        "Our new blog post\nhttps://blog.example.com/new");
        Capture first = sink.captures.getFirst();
        assertThat(first.platform()).isEqualTo("bluesky");
        assertThat(first.sourceId()).isEqualTo("at://" + DID + "/app.bsky.feed.post/3kaaa0001");
        assertThat(first.url()).isEqualTo("https://bsky.app/profile/" + DID + "/post/3kaaa0001");
        assertThat(first.account()).isEqualTo(DID);
        assertThat(first.language()).isEqualTo("de");
        assertThat(first.saidAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(first.contentType()).isEqualTo("application/vnd.ipld.dag-cbor");
        assertThat(first.content())
                .isEqualTo(records.get("app.bsky.feed.post/3kaaa0001").data());
        assertThat(sink.captures)
                .extracting(Capture::kind)
                .containsExactly(CaptureKind.OWN_POST, CaptureKind.REPLY, CaptureKind.OWN_POST);
        assertThat(sink.captures.get(1).saidAt()).isEqualTo(Instant.parse("2024-05-02T09:30:00Z"));
    }

    @Test
    void walksSubtreesInKeyOrder() throws IOException {
        var values = new LinkedHashMap<String, Block>();
        for (int i = 1; i <= 5; i++) {
            values.put("app.bsky.feed.post/3k" + i, post("post " + i, "2024-05-0" + i + "T00:00:00Z"));
        }
        String k1 = "app.bsky.feed.post/3k1", k2 = "app.bsky.feed.post/3k2", k3 = "app.bsky.feed.post/3k3";
        String k4 = "app.bsky.feed.post/3k4", k5 = "app.bsky.feed.post/3k5";
        Block left = Block.of(TestCar.node(null, List.of(k1), values, Map.of()));
        Block right = Block.of(TestCar.node(null, List.of(k3, k4), values, Map.of()));
        Block root = Block.of(TestCar.node(left, List.of(k2, k5), values, Map.of(k2, right)));
        Block commit = Block.of(map("did", DID, "version", 3L, "data", root.link()));
        var blocks = new ArrayList<>(values.values());
        blocks.addAll(List.of(right, commit, left, root));

        var sink = read(format, FILE, car(List.of(commit.cid()), blocks));

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.texts()).containsExactly("post 1", "post 2", "post 3", "post 4", "post 5");
    }

    @Test
    void findsEveryBlockOfALargerRepository() throws IOException {
        var records = new LinkedHashMap<String, Block>();
        for (int i = 0; i < 5_000; i++) {
            records.put(
                    "app.bsky.feed.post/3k%06d".formatted(i),
                    post("post " + i, "2024-05-01T00:00:00Z", "langs", List.of("en")));
        }
        Repository repository = Repository.of(DID, records);
        var sink = read(format, FILE, car(repository.roots(), blocks(repository)));
        assertThat(sink.rejections).isEmpty();
        assertThat(sink.texts()).hasSize(5_000).startsWith("post 0").endsWith("post 4999");
    }

    @Test
    void keepsTheBlocksBeforeATruncation() throws IOException {
        var records = new LinkedHashMap<String, Block>();
        records.put("app.bsky.feed.post/3kaaa0001", post("kept", "2024-05-01T10:00:00Z"));
        records.put("app.bsky.feed.post/3kaaa0002", post("cut off in the middle", "2024-05-01T10:00:00Z"));
        Repository repository = Repository.of(DID, records);
        var blocks = new ArrayList<Block>(List.of(repository.commit(), repository.tree()));
        blocks.addAll(repository.records());
        byte[] whole = car(repository.roots(), blocks);

        var sink = read(format, FILE, Arrays.copyOf(whole, whole.length - 5));

        assertThat(sink.texts()).containsExactly("kept");
        assertThat(sink.reasons())
                .containsExactly("channels.import.car.truncated", "channels.import.car.missing-block");
        assertThat(sink.rejections.getLast().where()).isEqualTo(FILE + " app.bsky.feed.post/3kaaa0002");
    }

    @Test
    void skipsASectionWithABadCidOrAWrongDigest() throws IOException {
        var records = new LinkedHashMap<String, Block>();
        Block forged = post("forged", "2024-05-01T10:00:00Z");
        records.put("app.bsky.feed.post/3kaaa0001", forged);
        records.put("app.bsky.feed.post/3kaaa0002", post("good", "2024-05-01T10:00:00Z"));
        Repository repository = Repository.of(DID, records);
        byte[] badCid = forged.cid().clone();
        badCid[0] = 5;
        var blocks = new ArrayList<Block>(List.of(
                new Block(badCid, forged.data()),
                new Block(forged.cid(), TestCar.cbor(map("text", "changed after signing", "createdAt", "x")))));
        blocks.addAll(blocks(repository).subList(1, 4));

        var sink = read(format, FILE, car(repository.roots(), blocks));

        assertThat(sink.texts()).containsExactly("good");
        assertThat(sink.reasons())
                .containsExactly(
                        "channels.import.car.bad-cid",
                        "channels.import.car.digest",
                        "channels.import.car.missing-block");
        assertThat(sink.rejections.get(0).where()).isEqualTo(FILE + " §1");
    }

    @Test
    void rejectsGarbageAndTooDeeplyNestedRecordsAndReadsOn() throws IOException {
        Object deep = "bottom";
        for (int i = 0; i < 100; i++) {
            deep = List.of(deep);
        }
        var records = new LinkedHashMap<String, Block>();
        records.put("app.bsky.feed.post/3kaaa0001", Block.of(new byte[] {(byte) 0xA2, 0x61, 0x74, (byte) 0xFF}));
        records.put("app.bsky.feed.post/3kaaa0002", post("deep", "2024-05-01T10:00:00Z", "nested", deep));
        records.put("app.bsky.feed.post/3kaaa0003", post("fine", "2024-05-01T10:00:00Z"));
        records.put("app.bsky.feed.post/3kaaa0004", post("no date", "last week"));
        records.put("app.bsky.feed.post/3kaaa0005", Block.of(map("$type", "app.bsky.feed.post", "createdAt", "x")));
        Repository repository = Repository.of(DID, records);

        var sink = read(format, FILE, car(repository.roots(), blocks(repository)));

        assertThat(sink.texts()).containsExactly("fine");
        assertThat(sink.reasons())
                .containsExactly(
                        "channels.import.car.bad-block",
                        "channels.import.car.bad-block",
                        "channels.import.bad-date",
                        "channels.import.not-record");
    }

    /** Blocks are named by their hashes, so a tree cannot loop, but a forged one can name a subtree twice. */
    @Test
    void followsASubtreeNamedTwiceOnlyOnce() throws IOException {
        String k1 = "app.bsky.feed.post/3k1", k2 = "app.bsky.feed.post/3k2";
        var values = Map.of(k1, post("once", "2024-05-01T00:00:00Z"), k2, post("twice", "2024-05-01T00:00:00Z"));
        Block leaf = Block.of(TestCar.node(null, List.of(k1), values, Map.of()));
        Block root = Block.of(TestCar.node(leaf, List.of(k2), values, Map.of(k2, leaf)));
        Block commit = Block.of(map("did", DID, "data", root.link()));
        var blocks = new ArrayList<>(values.values());
        blocks.addAll(List.of(leaf, root, commit));

        var sink = read(format, FILE, car(List.of(commit.cid()), blocks));

        assertThat(sink.texts()).containsExactly("once", "twice");
        assertThat(sink.reasons()).containsExactly("channels.import.car.bad-tree");
    }

    @Test
    void refusesFilesThatAreNoRepository() throws IOException {
        Block commitless = post("not a commit", "2024-05-01T00:00:00Z");
        var cases = new LinkedHashMap<String, byte[]>();
        cases.put("empty", new byte[0]);
        cases.put("text", "hello, this is no CAR file".getBytes(StandardCharsets.UTF_8));
        var header = new ByteArrayOutputStream();
        byte[] version2 = TestCar.cbor(map("roots", List.of(commitless.link()), "version", 2L));
        TestCar.varint(header, version2.length);
        header.writeBytes(version2);
        cases.put("version 2", header.toByteArray());
        cases.put("root missing", car(List.of(commitless.cid()), List.of()));
        cases.put("root no commit", car(List.of(commitless.cid()), List.of(commitless)));
        for (var entry : cases.entrySet()) {
            var reader = format.reader(new CollectingSink());
            assertThatThrownBy(() -> reader.read(FILE, new ByteArrayInputStream(entry.getValue())))
                    .as(entry.getKey())
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void refusesWhatDagCborForbids() {
        var forbidden = new LinkedHashMap<String, byte[]>();
        forbidden.put("indefinite array", new byte[] {(byte) 0x9F, 0x01, (byte) 0xFF});
        forbidden.put("indefinite text", new byte[] {0x7F, 0x61, 0x61, (byte) 0xFF});
        forbidden.put("length beyond the block", new byte[] {0x5B, 0x7F, 0, 0, 0, 0, 0, 0, 0});
        forbidden.put("array beyond the block", new byte[] {(byte) 0x9A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0});
        forbidden.put("other tag", new byte[] {(byte) 0xC1, 0x01});
        forbidden.put("tag 42 not a CID", new byte[] {(byte) 0xD8, 0x2A, 0x43, 0x00, 0x01, 0x02});
        forbidden.put("half float", new byte[] {(byte) 0xF9, 0x3C, 0x00});
        forbidden.put("undefined", new byte[] {(byte) 0xF7});
        forbidden.put("integer too large", new byte[] {0x1B, (byte) 0xFF, 0, 0, 0, 0, 0, 0, 0});
        forbidden.put("trailing bytes", new byte[] {0x01, 0x02});
        forbidden.put("number as key", new byte[] {(byte) 0xA1, 0x01, 0x02});
        forbidden.put("duplicate key", new byte[] {(byte) 0xA2, 0x61, 0x61, 0x01, 0x61, 0x61, 0x02});
        forbidden.put("text not UTF-8", new byte[] {0x62, (byte) 0xC3, 0x28});
        forbidden.put("empty", new byte[0]);
        for (var entry : forbidden.entrySet()) {
            assertThatThrownBy(() -> DagCbor.decode(entry.getValue()))
                    .as(entry.getKey())
                    .isInstanceOf(DagCbor.Malformed.class);
        }
    }

    @Test
    void decodesWhatDagCborAllows() throws Exception {
        Block block = Block.of("x".getBytes(StandardCharsets.UTF_8));
        Object value = DagCbor.decode(TestCar.cbor(
                map("n", -5L, "big", Long.MAX_VALUE, "t", true, "z", null, "b", new byte[] {1, 2}, "l", block.link())));
        assertThat(value).isInstanceOfSatisfying(Map.class, decoded -> assertThat(decoded)
                .containsEntry("n", -5L)
                .containsEntry("big", Long.MAX_VALUE)
                .containsEntry("t", true)
                .containsEntry("z", null)
                .containsEntry("l", block.link()));
        assertThat(block.link().toString()).startsWith("bafyrei");
    }

    @Test
    void expandsOnlyFacetsThatFitTheText() {
        String text = "ü link and more";
        Object good = facet(3, 7, "https://example.com/a");
        Object overlapping = facet(5, 9, "https://example.com/b");
        Object inside = facet(1, 7, "https://example.com/c");
        Object beyond = facet(10, 99, "https://example.com/d");
        assertThat(BlueskyExport.expandLinks(text, List.of(good, overlapping, beyond)))
                .isEqualTo("ü https://example.com/a and more");
        assertThat(BlueskyExport.expandLinks(text, List.of(inside))).isEqualTo(text);
        assertThat(BlueskyExport.expandLinks(text, "not a list")).isEqualTo(text);
    }

    private static Object facet(long start, long end, String uri) {
        return map(
                "index",
                map("byteStart", start, "byteEnd", end),
                "features",
                List.of(map("$type", "app.bsky.richtext.facet#link", "uri", uri)));
    }

    /**
     * The posts recorded from the live network (real facets with real byte offsets, languages such as "en-US",
     * embeds), put into a repository: each is read, every link of its facets shows in its text.
     */
    @Test
    void readsThePostsRecordedFromTheNetwork() throws Exception {
        Path corpus = NaughtyStringsTests.corpora().resolve("bluesky-jetstream/bluesky_jetstream_expected_v1.jsonl");
        var mapper = JsonMapper.builder().build();
        var records = new LinkedHashMap<String, Block>();
        var expected = new ArrayList<JsonNode>();
        for (String line : Files.readAllLines(corpus)) {
            JsonNode commit = mapper.readTree(line).path("commit");
            if ("create".equals(commit.path("operation").asString(""))
                    && "app.bsky.feed.post".equals(commit.path("collection").asString(""))) {
                records.put(
                        "app.bsky.feed.post/" + commit.path("rkey").asString(), Block.of(plain(commit.path("record"))));
                expected.add(commit.path("record"));
            }
        }
        assertThat(expected).hasSizeGreaterThan(10);
        Repository repository = Repository.of(DID, records);

        var sink = read(format, FILE, car(repository.roots(), blocks(repository)));

        assertThat(sink.reasons()).allMatch("channels.import.empty"::equals);
        assertThat(sink.captures.size() + sink.rejections.size()).isEqualTo(expected.size());
        var byContent = new HashMap<String, Capture>();
        sink.captures.forEach(capture -> byContent.put(HexFormat.of().formatHex(capture.content()), capture));
        for (JsonNode record : expected) {
            Capture capture = byContent.get(HexFormat.of().formatHex(TestCar.cbor(plain(record))));
            if (capture == null) {
                assertThat(record.path("text").asString("")).isBlank();
                continue;
            }
            for (JsonNode facet : record.path("facets")) {
                for (JsonNode feature : facet.path("features")) {
                    if ("app.bsky.richtext.facet#link"
                            .equals(feature.path("$type").asString(""))) {
                        assertThat(capture.text()).contains(feature.path("uri").asString());
                    }
                }
            }
            String lang = record.path("langs").path(0).asString("");
            if (!lang.isEmpty()) {
                assertThat(lang).startsWith(capture.language());
            }
        }
    }

    /** JSON as the plain values DAG-CBOR holds: objects, arrays, text, whole numbers, booleans, null. */
    private static @Nullable Object plain(JsonNode node) {
        if (node.isObject()) {
            var map = new LinkedHashMap<String, @Nullable Object>();
            node.properties().forEach(property -> map.put(property.getKey(), plain(property.getValue())));
            return map;
        }
        if (node.isArray()) {
            var list = new ArrayList<@Nullable Object>();
            node.values().forEach(value -> list.add(plain(value)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.isNull() ? null : node.asString();
    }

    @Test
    void keepsNaughtyStringsAsTheyWereWritten() throws Exception {
        List<String> strings = NaughtyStringsTests.naughtyStrings();
        var records = new LinkedHashMap<String, Block>();
        for (int i = 0; i < strings.size(); i++) {
            records.put("app.bsky.feed.post/3k%05d".formatted(i), post(strings.get(i), "2024-05-01T00:00:00Z"));
        }
        Repository repository = Repository.of(DID, records);
        var sink = read(format, FILE, car(repository.roots(), blocks(repository)));
        List<String> expected = strings.stream().filter(s -> !s.isBlank()).toList();
        assertThat(sink.texts()).isEqualTo(expected);
        assertThat(sink.reasons()).containsOnly("channels.import.empty");
    }
}
