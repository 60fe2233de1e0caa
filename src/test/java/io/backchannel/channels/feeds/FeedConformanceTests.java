package io.backchannel.channels.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.channels.internal.feeds.FeedParser;
import io.backchannel.channels.internal.feeds.FeedRefused;
import io.backchannel.channels.internal.feeds.ParsedFeed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feed parser against feedparser's test suite (read from the shared corpora, never copied): well-formed documents
 * parse and yield the facts their {@code Expect:} line states where they map onto what we read (feed title, link and
 * language, entry titles, ids and links); ill-formed ones are refused cleanly, never with a crash. When
 * {@code BACKCHANNEL_CORPORA} is set, a missing corpus fails the test instead of skipping it.
 */
class FeedConformanceTests {

    private static final Pattern HEADER = Pattern.compile("(?im)^Header:\\s*Content-type:\\s*(.+)$");
    private static final Pattern EXPECT = Pattern.compile("(?m)Expect:\\s*(.+)$");
    private static final Pattern FACT = Pattern.compile(
            "(feed|entries\\[(\\d+)\\])(?:\\['|\\.)(title|link|language|id)(?:'\\])? == u?'([^'\\\\]*)'");

    static Path corpus;

    @BeforeAll
    static void findCorpus() {
        String configured = System.getenv("BACKCHANNEL_CORPORA");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "shared", "corpora");
        corpus = root.resolve("feedparser");
        if (configured != null && !Files.isDirectory(corpus)) {
            throw new IllegalStateException("BACKCHANNEL_CORPORA is set but " + corpus + " is missing");
        }
        Assumptions.assumeTrue(Files.isDirectory(corpus), "feedparser corpus not present");
    }

    record Result(int files, int parsed, int facts, int factsHeld, List<String> misses) {}

    static List<Path> files(String folder) throws IOException {
        try (Stream<Path> walk = Files.walk(corpus.resolve(folder))) {
            return walk.filter(Files::isRegularFile)
                    .filter(path ->
                            path.toString().endsWith(".xml") || path.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }

    static @Nullable String contentType(String head) {
        Matcher header = HEADER.matcher(head);
        return header.find() ? header.group(1).strip() : null;
    }

    static Result run(String folder) throws IOException {
        int files = 0;
        int parsed = 0;
        int facts = 0;
        int held = 0;
        List<String> misses = new ArrayList<>();
        for (Path file : files(folder)) {
            files++;
            byte[] bytes = Files.readAllBytes(file);
            String head = new String(bytes, 0, Math.min(bytes.length, 2000), StandardCharsets.ISO_8859_1);
            ParsedFeed feed;
            try (InputStream in = Files.newInputStream(file)) {
                feed = FeedParser.parse(in, contentType(head));
                parsed++;
            } catch (FeedRefused refused) {
                misses.add(corpus.relativize(file) + ": refused " + refused.reasonKey());
                continue;
            }
            Matcher expect = EXPECT.matcher(head);
            if (!expect.find()) {
                continue;
            }
            Matcher fact = FACT.matcher(expect.group(1));
            while (fact.find()) {
                if (fact.group(2) == null && fact.group(3).equals("id")) {
                    continue; // a feed's own id is not read
                }
                facts++;
                String actual = actual(feed, fact.group(2), fact.group(3));
                // We keep titles as plain text; feedparser keeps sanitised HTML, so both are compared as text.
                if (Objects.equals(actual, fact.group(4))
                        || actual != null && actual.equals(FeedParser.plain(fact.group(4)))) {
                    held++;
                } else if (misses.size() < 400) {
                    misses.add(corpus.relativize(file) + ": " + fact.group() + " but was " + actual);
                }
            }
        }
        return new Result(files, parsed, facts, held, misses);
    }

    static @Nullable String actual(ParsedFeed feed, @Nullable String index, String field) {
        if (index == null) {
            return switch (field) {
                case "title" -> feed.title();
                case "link" -> feed.link();
                case "language" -> feed.language();
                default -> null;
            };
        }
        int i = Integer.parseInt(index);
        if (i >= feed.entries().size()) {
            return null;
        }
        ParsedFeed.Entry entry = feed.entries().get(i);
        return switch (field) {
            case "title" -> entry.title();
            case "link" -> entry.link();
            case "id" -> entry.id();
            default -> null;
        };
    }

    @Test
    void wellFormedFeedsParseAndYieldTheirExpectedFacts() throws IOException {
        Result result = run("wellformed");
        System.out.printf(
                "feedparser wellformed: %d files, %d parsed (%.1f%%), %d of %d mapped facts held (%.1f%%)%n",
                result.files(),
                result.parsed(),
                100.0 * result.parsed() / result.files(),
                result.factsHeld(),
                result.facts(),
                100.0 * result.factsHeld() / Math.max(1, result.facts()));
        result.misses().stream().limit(40).forEach(miss -> System.out.println("  " + miss));
        assertThat(result.files()).isGreaterThan(1000);
        assertThat(100.0 * result.parsed() / result.files()).isGreaterThan(95.0);
        assertThat(100.0 * result.factsHeld() / result.facts()).isGreaterThan(65.0);
    }

    @Test
    void illFormedFeedsNeverCrashTheParser() throws IOException {
        Result result = run("illformed");
        System.out.printf("feedparser illformed: %d files, %d parsed anyway%n", result.files(), result.parsed());
        assertThat(result.files()).isGreaterThan(10);
    }

    @Test
    void encodingsFromBomDeclarationAndHttpCharsetDecode() throws IOException {
        Result result = run("encoding");
        System.out.printf(
                "feedparser encoding: %d files, %d parsed, %d of %d facts held%n",
                result.files(), result.parsed(), result.factsHeld(), result.facts());
        result.misses().forEach(miss -> System.out.println("  " + miss));
        // UTF-32 is beyond Rome's reader and a few charsets are bogus on purpose; the rest must decode.
        assertThat(result.parsed()).isGreaterThan(result.files() * 3 / 4);
    }

    @Test
    void documentsFullOfEntitiesNeverCrashTheParser() throws IOException {
        Result result = run("entities");
        System.out.printf("feedparser entities: %d files, %d parsed%n", result.files(), result.parsed());
        assertThat(result.files()).isPositive();
    }
}
