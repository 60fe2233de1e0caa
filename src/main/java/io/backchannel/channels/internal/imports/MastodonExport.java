package io.backchannel.channels.internal.imports;

import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureKind;
import io.backchannel.channels.internal.HtmlText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * A Mastodon account export: {@code actor.json} (the account, ActivityPub), {@code outbox.json} (an ActivityStreams
 * {@code OrderedCollection} of {@code Create} activities of notes and {@code Announce} boosts) and the files under
 * {@code media_attachments/}.
 */
@Component
class MastodonExport implements ExportFormat {

    static final String PLATFORM = "mastodon";
    private static final Pattern OUTBOX = Pattern.compile("(?:^|.*/)outbox\\.json");
    private static final Pattern ACTOR = Pattern.compile("(?:^|.*/)actor\\.json");
    private static final Pattern MEDIA = Pattern.compile("(?:^|.*/)(media_attachments/.+)");
    private static final ExportFiles FILES = new ExportFiles(ACTOR, List.of(OUTBOX), MEDIA);

    private final MediaFiles media;

    MastodonExport(MediaFiles media) {
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

    private record Owner(String noteId, Instant saidAt) {}

    private final class Reader implements ExportReader {
        private final ImportSink sink;
        private String account = "";
        /** The note each attachment belongs to, by its path inside the export. */
        private final Map<String, Owner> attachments = new HashMap<>();

        Reader(ImportSink sink) {
            this.sink = sink;
        }

        @Override
        public int order(String path) {
            return FILES.order(path);
        }

        @Override
        public void read(String path, InputStream content) throws IOException {
            Matcher file = MEDIA.matcher(path);
            if (file.matches()
                    && !OUTBOX.matcher(path).matches()
                    && !ACTOR.matcher(path).matches()) {
                Owner owner = attachments.getOrDefault(file.group(1), new Owner(file.group(1), Instant.EPOCH));
                media.capture(sink, PLATFORM, account, path, owner.noteId(), owner.saidAt(), content);
            } else if (ACTOR.matcher(path).matches()) {
                JsonNode actor = JsonItems.tree(content);
                String name = actor.path("preferredUsername").asString("");
                String host = host(actor.path("id").asString(""));
                account = name.isEmpty() ? "" : host.isEmpty() ? name : name + "@" + host;
            } else {
                try (JsonParser parser = JsonItems.parser(content)) {
                    toOrderedItems(parser);
                    JsonItems.each(parser, (index, node) -> activity(path + " #" + (index + 1), path, node));
                }
            }
        }

        /** Moves the parser to the collection's {@code orderedItems} array, skipping everything else. */
        private void toOrderedItems(JsonParser parser) throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("outbox.json is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if ("orderedItems".equals(name)) {
                    return;
                }
                parser.skipChildren();
            }
            throw new IOException("outbox.json has no orderedItems");
        }

        private void activity(String where, String path, JsonNode activity) {
            String type = activity.path("type").asString("");
            Instant saidAt;
            try {
                saidAt = Instant.parse(activity.path("published").asString(""));
            } catch (DateTimeParseException e) {
                sink.reject(
                        where,
                        "channels.import.bad-date",
                        activity.path("published").asString(""));
                return;
            }
            JsonNode object = activity.path("object");
            String id;
            String text;
            CaptureKind kind = CaptureKind.OWN_POST;
            String url;
            String language = "und";
            if (type.equals("Create") && object.path("type").asString("").equals("Note")) {
                id = object.path("id").asString("");
                text = HtmlText.plain(object.path("content").asString(""));
                if (!object.path("inReplyTo").asString("").isEmpty()) {
                    kind = CaptureKind.REPLY;
                }
                url = object.path("url").asString(id);
                var languages = object.path("contentMap").propertyNames().iterator();
                if (languages.hasNext()) {
                    language = languages.next();
                }
                for (JsonNode attachment : object.path("attachment")) {
                    Matcher file = MEDIA.matcher(attachment.path("url").asString(""));
                    if (file.matches()) {
                        attachments.put(file.group(1), new Owner(id, saidAt));
                    }
                }
            } else if (type.equals("Announce")) {
                id = activity.path("id").asString("");
                url = object.isString() ? object.asString() : object.path("id").asString("");
                text = "Boost: " + url;
            } else {
                sink.reject(where, "channels.import.mastodon.unknown-activity", type);
                return;
            }
            if (id.isBlank()) {
                sink.reject(where, "channels.import.mastodon.no-id");
                return;
            }
            sink.capture(new Capture(
                    PLATFORM,
                    id,
                    account,
                    account,
                    kind,
                    language,
                    saidAt,
                    url.isBlank() ? null : url,
                    text,
                    "application/activity+json",
                    JsonItems.bytes(activity),
                    "import",
                    path,
                    Instant.now(),
                    "import"));
        }
    }

    private static String host(String id) {
        try {
            String host = URI.create(id).getHost();
            return host == null ? "" : host;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
