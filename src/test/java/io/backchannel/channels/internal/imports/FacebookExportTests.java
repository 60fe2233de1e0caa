package io.backchannel.channels.internal.imports;

import static io.backchannel.channels.internal.imports.CollectingSink.read;
import static io.backchannel.channels.internal.imports.CollectingSink.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureKind;
import io.backchannel.identity.NaughtyStringsTests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FacebookExportTests {

    private static final String POSTS = "your_facebook_activity/posts/your_posts_1.json";
    private static final String COMMENTS = "your_facebook_activity/comments_and_reactions/comments.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FacebookExport format = new FacebookExport();

    /** Writes JSON the way Facebook does: every byte of a non-ASCII character as an escape of its own. */
    static byte[] facebook(String json) {
        var out = new StringBuilder();
        json.codePoints().forEach(point -> {
            if (point < 0x80) {
                out.appendCodePoint(point);
            } else {
                for (byte b : Character.toString(point).getBytes(StandardCharsets.UTF_8)) {
                    out.append(String.format("\\u00%02x", b & 0xFF));
                }
            }
        });
        return utf8(out.toString());
    }

    @Test
    void readsPostsWithTheirTimeTextAndAttachedLinks() throws IOException {
        var sink = read(
                format,
                POSTS,
                facebook(
                        """
                [
                  {"timestamp": 1700000000,
                   "attachments": [{"data": [{"external_context": {"url": "https://example.com/launch"}}]}],
                   "data": [{"post": "We are launching our new product today, and we are very happy about it."},
                            {"update_timestamp": 1700000100}],
                   "title": "Acme Grüße updated their status."},
                  {"timestamp": 1700003600,
                   "data": [{"post": "Schöne Grüße aus München an alle unsere Kundinnen und Kunden!"}]},
                  {"timestamp": 1700007200, "title": "Acme shared a memory."}
                ]
                """));

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.texts())
                .containsExactly(
                        "We are launching our new product today, and we are very happy about it.\n"
                                + "https://example.com/launch",
                        "Schöne Grüße aus München an alle unsere Kundinnen und Kunden!",
                        "Acme shared a memory.");
        Capture first = sink.captures.getFirst();
        assertThat(first.platform()).isEqualTo("facebook");
        assertThat(first.kind()).isEqualTo(CaptureKind.OWN_POST);
        assertThat(first.saidAt()).isEqualTo(Instant.ofEpochSecond(1700000000));
        assertThat(first.language()).isEqualTo("en");
        assertThat(sink.captures.get(1).language()).isEqualTo("de");
        assertThat(first.method()).isEqualTo("import");
        assertThat(first.collectedFrom()).isEqualTo(POSTS);
        assertThat(first.contentType()).isEqualTo("application/json");
        assertThat(JSON.readTree(first.content()).path("timestamp").asLong()).isEqualTo(1700000000);
        assertThat(first.sourceId()).startsWith("post/");
        assertThat(sink.captures).extracting(Capture::sourceId).doesNotHaveDuplicates();
    }

    @Test
    void derivesTheSameSourceIdsOnASecondImport() throws IOException {
        byte[] file = facebook(
                """
                [{"timestamp": 1700000000, "data": [{"post": "Hello"}]},
                 {"timestamp": 1700000000, "data": [{"post": "Hello again"}]}]
                """);
        List<String> first = read(format, POSTS, file).captures.stream()
                .map(Capture::sourceId)
                .toList();
        List<String> second = read(format, POSTS, file).captures.stream()
                .map(Capture::sourceId)
                .toList();
        assertThat(first).hasSize(2).doesNotHaveDuplicates().isEqualTo(second);
    }

    @Test
    void repairsMojibakeButLeavesCorrectTextAlone() {
        assertThat(Mojibake.repair("Gr\u00c3\u00bc\u00c3\u009fe")).isEqualTo("Grüße");
        assertThat(Mojibake.repair("GrÃ¼ÃŸe")).as("not bytes: left alone").isEqualTo("GrÃ¼ÃŸe");
        assertThat(Mojibake.repair("Ã la carte")).isEqualTo("Ã la carte");
        assertThat(Mojibake.repair("Grüße")).isEqualTo("Grüße");
        assertThat(Mojibake.repair("plain")).isEqualTo("plain");
        assertThat(Mojibake.repair("\u00f0\u009f\u0098\u0080")).isEqualTo("😀");
    }

    @Test
    void readsCommentsInTheNewAndTheOldLayout() throws IOException {
        String comments =
                """
                {"%s": [
                  {"timestamp": 1700000000,
                   "data": [{"comment": {"timestamp": 1700000000, "comment": "Danke für die Grüße!", "author": "Jörg Müller"}}],
                   "title": "Jörg Müller commented on Acme's post."},
                  {"timestamp": 1700000500, "data": [], "title": "Jörg Müller commented on a photo."}
                ]}
                """;
        for (var layout : Map.of(COMMENTS, "comments_v2", "comments/comments.json", "comments")
                .entrySet()) {
            var sink = read(format, layout.getKey(), facebook(comments.formatted(layout.getValue())));
            assertThat(sink.rejections).isEmpty();
            assertThat(sink.texts()).containsExactly("Danke für die Grüße!", "Jörg Müller commented on a photo.");
            assertThat(sink.captures).allSatisfy(capture -> {
                assertThat(capture.kind()).isEqualTo(CaptureKind.COMMENT);
                assertThat(capture.sourceId()).startsWith("comment/");
            });
            assertThat(sink.captures.getFirst().author()).isEqualTo("Jörg Müller");
        }
    }

    @Test
    void namesTheAccountFromTheProfileReadFirst() throws IOException {
        var sink = new CollectingSink();
        ExportReader reader = format.reader(sink);
        String profile = "profile_information/profile_information.json";
        assertThat(reader.order(profile)).isLessThan(reader.order("posts/your_posts_1.json"));
        reader.read(
                profile,
                new ByteArrayInputStream(
                        facebook(
                                """
                {"profile_v2": {"name": {"full_name": "Acme Bäckerei", "first_name": "Acme"}, "emails": {}}}
                """)));
        reader.read(
                "posts/your_posts_1.json",
                new ByteArrayInputStream(
                        facebook(
                                """
                [{"timestamp": 1700000000, "data": [{"post": "Frische Brötchen"}]}]
                """)));
        assertThat(sink.captures).singleElement().satisfies(capture -> {
            assertThat(capture.account()).isEqualTo("Acme Bäckerei");
            assertThat(capture.author()).isEqualTo("Acme Bäckerei");
        });
    }

    @Test
    void rejectsEntriesWithoutTimeOrTextAndReadsOn() throws IOException {
        var sink = read(
                format,
                "posts/your_posts_1.json",
                facebook(
                        """
                [{"timestamp": 1700000000, "data": [{"post": "first"}]},
                 {"data": [{"post": "no time"}]},
                 "not an object",
                 {"timestamp": 99999999999999, "data": [{"post": "far future"}]},
                 {"timestamp": 1700000001, "data": [{"post": "  "}]},
                 {"timestamp": 123456789012345678901234567890, "data": [{"post": "huge"}]},
                 {"timestamp": "1700000000", "data": [{"post": "time as text"}]},
                 {"timestamp": 1700000002, "data": [{"post": "last"}]}]
                """));
        assertThat(sink.texts()).containsExactly("first", "last");
        assertThat(sink.rejections)
                .extracting(CollectingSink.Rejection::where, CollectingSink.Rejection::reasonKey)
                .containsExactly(
                        tuple("posts/your_posts_1.json #2", "channels.import.no-date"),
                        tuple("posts/your_posts_1.json #3", "channels.import.not-record"),
                        tuple("posts/your_posts_1.json #4", "channels.import.no-date"),
                        tuple("posts/your_posts_1.json #5", "channels.import.empty"),
                        tuple("posts/your_posts_1.json #6", "channels.import.no-date"),
                        tuple("posts/your_posts_1.json #7", "channels.import.no-date"));
    }

    @Test
    void keepsWhatCameBeforeATruncationAndThenFails() {
        var sink = new CollectingSink();
        ExportReader reader = format.reader(sink);
        byte[] file = utf8("[{\"timestamp\": 1700000000, \"data\": [{\"post\": \"kept\"}]}, {\"timestamp\": 17000");
        assertThatThrownBy(() -> reader.read(POSTS, new ByteArrayInputStream(file)))
                .isInstanceOf(IOException.class);
        assertThat(sink.texts()).containsExactly("kept");
    }

    @Test
    void refusesAFileThatIsNoListOfPosts() {
        for (String file : List.of("{\"name\": \"x\"}", "42", "", "<html>")) {
            var reader = format.reader(new CollectingSink());
            assertThatThrownBy(() -> reader.read(POSTS, new ByteArrayInputStream(utf8(file))))
                    .as(file)
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void recognisesOnlyFacebookDownloads() {
        assertThat(format.recognises(List.of("facebook-acme/posts/your_posts_1.json")))
                .isTrue();
        assertThat(format.recognises(List.of("your_posts_12.json"))).isTrue();
        assertThat(format.recognises(List.of("comments/comments.json"))).isTrue();
        assertThat(format.recognises(List.of("data/tweets.js", "outbox.json", "comments.json")))
                .isFalse();
    }

    @Test
    void keepsNaughtyStringsAsTheyWereWritten() throws Exception {
        List<String> strings = NaughtyStringsTests.naughtyStrings();
        var entries = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < strings.size(); i++) {
            entries.add(Map.of("timestamp", 1700000000L + i, "data", List.of(Map.of("post", strings.get(i)))));
        }
        var sink = read(format, POSTS, facebook(JSON.writeValueAsString(entries)));
        var expected =
                strings.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        assertThat(sink.texts()).isEqualTo(expected);
        assertThat(sink.reasons()).hasSize(strings.size() - expected.size()).containsOnly("channels.import.empty");
    }
}
