package io.backchannel.channels.internal.imports;

import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureKind;
import io.backchannel.channels.internal.LanguageTags;
import io.backchannel.channels.internal.feeds.FeedParser;
import io.backchannel.channels.internal.feeds.FeedRefused;
import io.backchannel.channels.internal.feeds.ParsedFeed;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * An uploaded RSS, Atom or JSON feed file (e.g. a download of the company's own blog feed): each entry becomes one
 * archived post of the company, held by its entry id (or link).
 */
@Component
class FeedExport implements ExportFormat {

    static final String PLATFORM = "feed";
    private static final Pattern NAME = Pattern.compile("(?i).*\\.(rss|atom|xml|rdf)$|.*feed[^/]*\\.json$");

    private final JsonMapper json;

    FeedExport(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public boolean recognises(List<String> paths) {
        return paths.size() == 1 && NAME.matcher(paths.getFirst()).matches();
    }

    @Override
    public ExportReader reader(ImportSink sink) {
        return new ExportReader() {
            @Override
            public int order(String path) {
                return NAME.matcher(path).matches() ? 0 : -1;
            }

            @Override
            public void read(String path, InputStream content) throws IOException {
                ParsedFeed feed;
                try {
                    feed = FeedParser.parse(content, null);
                } catch (FeedRefused e) {
                    sink.reject(path, e.reasonKey());
                    return;
                }
                Instant now = Instant.now();
                int index = 0;
                for (ParsedFeed.Entry entry : feed.entries()) {
                    String key = entry.key();
                    String where = path + " #" + ++index;
                    if (key == null || entry.text().isBlank()) {
                        sink.reject(where, "channels.feed.entry-without-id");
                        continue;
                    }
                    sink.capture(capture(feed, entry, key, path, now));
                }
            }
        };
    }

    private Capture capture(ParsedFeed feed, ParsedFeed.Entry entry, String key, String path, Instant now) {
        String account = feed.title() != null ? feed.title() : feed.link() != null ? feed.link() : path;
        Map<String, @Nullable Object> original = new LinkedHashMap<>();
        original.put("format", feed.format());
        original.put("feed", feed.title());
        original.put("id", entry.id());
        original.put("link", entry.link());
        original.put("title", entry.title());
        original.put("author", entry.author());
        original.put(
                "published",
                entry.published() == null ? null : entry.published().toString());
        original.put("text", entry.text());
        return new Capture(
                PLATFORM,
                key,
                account,
                entry.author() != null ? entry.author() : account,
                CaptureKind.OWN_POST,
                LanguageTags.primary(feed.language(), entry.text()),
                entry.published() != null ? entry.published() : now,
                entry.link() != null && entry.link().matches("(?i)https?://.*") ? entry.link() : null,
                entry.text(),
                "application/json",
                json.writeValueAsBytes(original),
                "feed import",
                path,
                now,
                "import");
    }
}
