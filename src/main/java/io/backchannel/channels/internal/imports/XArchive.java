package io.backchannel.channels.internal.imports;

import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.parser.Parser;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;

/**
 * The X (Twitter) archive ZIP: {@code data/account.js} names the account, {@code data/tweets.js} (older archives
 * {@code tweet.js}, large ones {@code tweets-part1.js} and on) holds the tweets, each file a JavaScript assignment
 * {@code window.YTD.tweets.part0 = [ ... ]} around a JSON array. Media lie in {@code data/tweets_media/} named
 * {@code <tweet id>-<media id>.<ext>}.
 */
@Component
class XArchive implements ExportFormat {

    static final String PLATFORM = "x";
    private static final Pattern TWEETS = Pattern.compile("(?:^|.*/)(?:data/)?tweets?(?:-part\\d+)?\\.js");
    private static final Pattern ACCOUNT = Pattern.compile("(?:^|.*/)data/account\\.js");
    private static final Pattern MEDIA = Pattern.compile("(?:^|.*/)data/tweets?_media/(\\d+)-[^/]+");
    private static final ExportFiles FILES = new ExportFiles(ACCOUNT, List.of(TWEETS), MEDIA);
    private static final String ACCOUNT_FILE = "data/account.js";
    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT);
    /** The JavaScript before the array is short; anything longer is not an X data file. */
    private static final int MAX_PREFIX = 200;

    private final MediaFiles media;

    XArchive(MediaFiles media) {
        this.media = media;
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public boolean recognises(List<String> paths) {
        return FILES.recognises(paths);
    }

    @Override
    public ExportReader reader(ImportSink sink) {
        return new Reader(sink);
    }

    private final class Reader implements ExportReader {
        private final ImportSink sink;
        private String account = "";
        /** When the tweets that have media were said, so that their files carry the same time. */
        private final Map<String, Instant> withMedia = new HashMap<>();

        Reader(ImportSink sink) {
            this.sink = sink;
        }

        @Override
        public int order(String path) {
            return FILES.order(path);
        }

        @Override
        public void read(String path, InputStream content) throws IOException {
            Matcher mediaFile = MEDIA.matcher(path);
            if (mediaFile.matches()) {
                String tweet = mediaFile.group(1);
                media.capture(
                        sink, PLATFORM, account, path, tweet, withMedia.getOrDefault(tweet, Instant.EPOCH), content);
                return;
            }
            try (JsonParser parser = JsonItems.parser(afterAssignment(content))) {
                if (ACCOUNT.matcher(path).matches()) {
                    JsonItems.each(parser, (index, node) -> {
                        String name = node.path("account").path("username").asString("");
                        if (account.isEmpty() && !name.isBlank()) {
                            account = name;
                        }
                    });
                } else {
                    JsonItems.each(parser, (index, node) -> tweet(path, index, node));
                }
            }
        }

        private void tweet(String path, int index, JsonNode item) {
            JsonNode tweet = item.has("tweet") ? item.path("tweet") : item;
            String where = path + " #" + (index + 1);
            String id = tweet.path("id_str").asString("");
            if (!id.matches("\\d{1,30}")) {
                sink.reject(where, "channels.import.x.no-id");
                return;
            }
            Instant saidAt;
            try {
                saidAt = ZonedDateTime.parse(tweet.path("created_at").asString(""), CREATED)
                        .toInstant();
            } catch (DateTimeParseException e) {
                sink.reject(
                        where,
                        "channels.import.bad-date",
                        tweet.path("created_at").asString(""));
                return;
            }
            String text = tweet.has("full_text")
                    ? tweet.path("full_text").asString("")
                    : tweet.path("text").asString("");
            for (JsonNode url : tweet.path("entities").path("urls")) {
                String shortUrl = url.path("url").asString("");
                String expanded = url.path("expanded_url").asString("");
                if (!shortUrl.isEmpty() && !expanded.isEmpty()) {
                    text = text.replace(shortUrl, expanded);
                }
            }
            text = Parser.unescapeEntities(text, false);
            if (!tweet.path("extended_entities").path("media").isEmpty()) {
                withMedia.put(id, saidAt);
            }
            boolean reply =
                    !tweet.path("in_reply_to_status_id_str").asString("").isEmpty();
            sink.capture(new Capture(
                    PLATFORM,
                    id,
                    account,
                    account,
                    reply ? CaptureKind.REPLY : CaptureKind.OWN_POST,
                    tweet.path("lang").asString("und"),
                    saidAt,
                    "https://x.com/" + (account.isEmpty() ? "i/web" : account) + "/status/" + id,
                    text,
                    "application/json",
                    JsonItems.bytes(tweet),
                    "import",
                    path,
                    Instant.now(),
                    "import"));
        }

        @Override
        public void finish() {
            if (account.isEmpty()) {
                sink.reject(ACCOUNT_FILE, "channels.import.x.no-account");
            }
        }
    }

    /** Skips {@code window.YTD.tweets.part0 =} (and a byte-order mark) so that the JSON parser sees the array. */
    static InputStream afterAssignment(InputStream content) throws IOException {
        PushbackInputStream in = new PushbackInputStream(content, 3);
        byte[] bom = in.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xff) == 0xEF && (bom[1] & 0xff) == 0xBB && (bom[2] & 0xff) == 0xBF)) {
            in.unread(bom);
        }
        for (int i = 0; i < MAX_PREFIX; i++) {
            int c = in.read();
            if (c == '=') {
                return in;
            }
            if (c == '[' || c == '{') {
                in.unread(c);
                return in;
            }
            if (c < 0) {
                break;
            }
        }
        throw new IOException("not an X data file: no 'window.YTD… =' before the data");
    }
}
