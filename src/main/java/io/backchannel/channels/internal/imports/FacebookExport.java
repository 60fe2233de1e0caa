package io.backchannel.channels.internal.imports;

import io.backchannel.archive.CaptureKind;
import io.backchannel.channels.internal.LanguageTags;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * Facebook's "Download your information" in JSON: the posts ({@code your_facebook_activity/posts/your_posts_1.json},
 * in older downloads {@code posts/your_posts_1.json}) and the comments ({@code comments_and_reactions/comments.json},
 * older {@code comments/comments.json}), read one entry at a time. Every text is repaired from the download's
 * mojibake ({@link Mojibake}); the archived content is the entry's JSON object as Facebook wrote it.
 */
@Component
final class FacebookExport implements ExportFormat {

    static final String PLATFORM = "facebook";

    private static final Pattern POSTS = Pattern.compile("(?:^|.*/)your_posts(?:_\\d+)?\\.json");
    private static final Pattern COMMENTS =
            Pattern.compile("(?:^|.*/)(?:comments_and_reactions|comments)/comments\\.json");
    private static final Pattern PROFILE = Pattern.compile("(?:^|.*/)profile_information/profile_information\\.json");
    private static final ExportFiles FILES = new ExportFiles(PROFILE, List.of(POSTS, COMMENTS));

    /** The last second of the year 9999: a later time is garbage, not a post. */
    private static final long LATEST = 253_402_300_799L;

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

    private static final class Reader extends ProfileFirstReader {

        Reader(ImportSink sink) {
            super(sink, FILES);
        }

        @Override
        public void read(String path, InputStream content) throws IOException {
            try (JsonParser parser = JsonItems.parser(content)) {
                if (FILES.isProfile(path)) {
                    account = fullName(parser);
                } else {
                    readEntries(path, parser, COMMENTS.matcher(path).matches());
                }
            } catch (JacksonException e) {
                throw new IOException(path + ": " + e.getOriginalMessage(), e);
            }
        }

        /** The first {@code full_name} in the profile, read token by token. */
        private static String fullName(JsonParser parser) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_STRING && "full_name".equals(parser.currentName())) {
                    return Mojibake.repair(parser.getString()).strip();
                }
            }
            return "";
        }

        /**
         * The entries are a top-level array (posts) or the first array in a top-level object ({@code comments_v2},
         * older {@code comments} or {@code status_updates}); each is read into a tree of its own and forgotten.
         */
        private void readEntries(String path, JsonParser parser, boolean comments) throws IOException {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT) {
                token = parser.nextToken();
                while (token == JsonToken.PROPERTY_NAME) {
                    token = parser.nextToken();
                    if (token == JsonToken.START_ARRAY) {
                        break;
                    }
                    parser.skipChildren();
                    token = parser.nextToken();
                }
            }
            if (token != JsonToken.START_ARRAY) {
                throw new IOException(path + ": not a list of Facebook posts or comments");
            }
            var origin = new ImportOrigin(PLATFORM, path);
            int index = 0;
            for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new IOException(path + ": the file ends inside the list");
                }
                index++;
                JsonNode entry = JsonItems.MAPPER.readTree(parser);
                String where = path + " #" + index;
                if (!entry.isObject()) {
                    sink.reject(where, "channels.import.not-record");
                } else if (comments) {
                    comment(origin, where, entry);
                } else {
                    post(origin, where, entry);
                }
            }
        }

        private void post(ImportOrigin origin, String where, JsonNode entry) {
            var texts = new ArrayList<String>();
            for (JsonNode data : entry.path("data")) {
                if (data.path("post").isString()) {
                    texts.add(Mojibake.repair(data.path("post").stringValue()));
                }
            }
            var links = new ArrayList<String>();
            for (JsonNode attachment : entry.path("attachments")) {
                for (JsonNode data : attachment.path("data")) {
                    JsonNode url = data.path("external_context").path("url");
                    if (url.isString()) {
                        links.add(Mojibake.repair(url.stringValue()));
                    }
                }
            }
            String title = Mojibake.repair(entry.path("title").asString("")).strip();
            String text = ImportOrigin.withLinks(String.join("\n", texts).strip(), links);
            capture(origin, where, entry, CaptureKind.OWN_POST, entry.path("timestamp"), account, text, title);
        }

        private void comment(ImportOrigin origin, String where, JsonNode entry) {
            JsonNode comment = entry.path("data").path(0).path("comment");
            String author =
                    Mojibake.repair(comment.path("author").asString(account)).strip();
            String text = Mojibake.repair(comment.path("comment").asString("")).strip();
            String title = Mojibake.repair(entry.path("title").asString("")).strip();
            JsonNode timestamp =
                    comment.path("timestamp").isNumber() ? comment.path("timestamp") : entry.path("timestamp");
            capture(origin, where, entry, CaptureKind.COMMENT, timestamp, author, text, title);
        }

        /**
         * Facebook's download gives its entries no id, so the source id is a digest of the time and the text: the
         * same entry imported again is recognised, while two entries in the same second with different texts stay
         * apart. An edited text therefore becomes a record of its own rather than a new version.
         */
        private void capture(
                ImportOrigin origin,
                String where,
                JsonNode entry,
                CaptureKind kind,
                JsonNode timestamp,
                String author,
                String text,
                String title) {
            if (!timestamp.isIntegralNumber()
                    || !timestamp.canConvertToLong()
                    || timestamp.asLong() <= 0
                    || timestamp.asLong() > LATEST) {
                sink.reject(where, "channels.import.no-date");
                return;
            }
            String shown = text.isEmpty() ? title : text;
            if (shown.isEmpty()) {
                sink.reject(where, "channels.import.empty");
                return;
            }
            String prefix = kind == CaptureKind.COMMENT ? "comment/" : "post/";
            sink.capture(origin.capture(
                    prefix + ImportOrigin.digest(Long.toString(timestamp.asLong()), shown),
                    account,
                    author,
                    kind,
                    LanguageTags.primary(null, shown),
                    Instant.ofEpochSecond(timestamp.asLong()),
                    null,
                    shown,
                    "application/json",
                    JsonItems.bytes(entry)));
        }
    }
}
