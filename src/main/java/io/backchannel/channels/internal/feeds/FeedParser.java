package io.backchannel.channels.internal.feeds;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads RSS (0.9x, 1.0, 2.0), Atom and JSON Feed. XML goes through Rome with DOCTYPEs refused (so no external entity
 * is fetched and no entity bomb expands) and its encoding found by Rome's reader from the byte-order mark, the XML
 * declaration and the HTTP content type, leniently when they conflict. JSON Feed goes through Jackson. Documents are
 * read whole but never beyond {@link #MAX_BYTES}.
 */
public final class FeedParser {

    public static final int MAX_BYTES = 5 * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern HIDDEN = Pattern.compile("(?is)<(script|style)[^>]*>.*?</\\1\\s*>");
    private static final Pattern ENTITY =
            Pattern.compile("&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos|nbsp);");

    private FeedParser() {}

    /** @param contentType the HTTP {@code Content-Type} the document came with, when any */
    public static ParsedFeed parse(InputStream in, @Nullable String contentType) throws IOException, FeedRefused {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new FeedRefused("channels.feed.too-large", "over " + MAX_BYTES + " bytes");
        }
        if (bytes.length == 0) {
            throw new FeedRefused("channels.feed.empty", "no content");
        }
        return looksLikeJson(bytes, contentType) ? json(bytes) : xml(bytes, contentType);
    }

    private static boolean looksLikeJson(byte[] bytes, @Nullable String contentType) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return true;
        }
        int i = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB ? 3 : 0;
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        return i < bytes.length && bytes[i] == '{';
    }

    private static ParsedFeed xml(byte[] bytes, @Nullable String contentType) throws IOException, FeedRefused {
        SyndFeedInput input = new SyndFeedInput();
        input.setAllowDoctypes(false);
        SyndFeed feed;
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(bytes), contentType, true)) {
            feed = input.build(reader);
        } catch (FeedException e) {
            if (e.getCause() instanceof NullPointerException) {
                // Rome's RSS reader fails on an <rss> without <channel>: a feed with nothing in it.
                return new ParsedFeed("rss", null, null, null, List.of());
            }
            String message = String.valueOf(e.getMessage());
            if (message.contains("DOCTYPE") || message.toLowerCase(Locale.ROOT).contains("doctype")) {
                throw new FeedRefused("channels.feed.doctype", message, e);
            }
            throw new FeedRefused(
                    "channels.feed.malformed",
                    message + (e.getCause() != null ? ": " + e.getCause().getMessage() : ""),
                    e);
        } catch (RuntimeException e) {
            // Rome's readers fail on some odd documents with unchecked exceptions; a feed must never crash a poll.
            throw new FeedRefused("channels.feed.malformed", String.valueOf(e), e);
        } catch (IOException e) {
            throw new FeedRefused("channels.feed.encoding", String.valueOf(e.getMessage()), e);
        }
        List<ParsedFeed.Entry> entries = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            entries.add(new ParsedFeed.Entry(
                    blankToNull(entry.getUri()),
                    blankToNull(entry.getLink()),
                    blankToNull(plain(entry.getTitle())),
                    text(entry.getTitle(), summary(entry)),
                    blankToNull(entry.getAuthor()),
                    instant(entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate())));
        }
        return new ParsedFeed(
                String.valueOf(feed.getFeedType()),
                blankToNull(plain(feed.getTitle())),
                blankToNull(feed.getLink()),
                blankToNull(feed.getLanguage()),
                entries);
    }

    private static @Nullable String summary(SyndEntry entry) {
        SyndContent description = entry.getDescription();
        if (description != null && description.getValue() != null) {
            return description.getValue();
        }
        return entry.getContents().isEmpty()
                ? null
                : entry.getContents().getFirst().getValue();
    }

    private static ParsedFeed json(byte[] bytes) throws FeedRefused {
        JsonNode root;
        try {
            root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", ""));
        } catch (JacksonException e) {
            throw new FeedRefused("channels.feed.malformed", e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("items").isArray()) {
            throw new FeedRefused("channels.feed.malformed", "not a JSON Feed (no items)");
        }
        List<ParsedFeed.Entry> entries = new ArrayList<>();
        for (JsonNode item : root.path("items")) {
            String content = string(item, "content_text");
            if (content == null) {
                content = string(item, "content_html");
            }
            if (content == null) {
                content = string(item, "summary");
            }
            JsonNode author = item.has("author")
                    ? item.path("author")
                    : item.path("authors").path(0);
            entries.add(new ParsedFeed.Entry(
                    string(item, "id"),
                    string(item, "url"),
                    string(item, "title"),
                    text(string(item, "title"), content),
                    string(author, "name"),
                    jsonDate(string(item, "date_published"))));
        }
        return new ParsedFeed(
                "json", string(root, "title"), string(root, "home_page_url"), string(root, "language"), entries);
    }

    private static @Nullable String string(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() || value.isNumber() ? blankToNull(value.asString()) : null;
    }

    private static @Nullable Instant jsonDate(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable Instant instant(@Nullable Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String text(@Nullable String title, @Nullable String summary) {
        String head = plain(title);
        String body = plain(summary);
        return head.isEmpty() ? body : body.isEmpty() || body.equals(head) ? head : head + "\n\n" + body;
    }

    /** Markup removed (scripts and styles with their content), common entities decoded, NULs dropped. */
    public static String plain(@Nullable String html) {
        if (html == null) {
            return "";
        }
        String text = TAG.matcher(HIDDEN.matcher(html).replaceAll(" ")).replaceAll(" ");
        Matcher entity = ENTITY.matcher(text);
        StringBuilder decoded = new StringBuilder();
        while (entity.find()) {
            entity.appendReplacement(decoded, Matcher.quoteReplacement(decode(entity.group(1))));
        }
        entity.appendTail(decoded);
        return decoded.toString()
                .replace("\u0000", "")
                .replaceAll("[ \\t\\x0B\\f\\r]+", " ")
                .replaceAll(" ?\\n[ \\n]*", "\n")
                .strip();
    }

    private static String decode(String entity) {
        return switch (entity) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> {
                int code = entity.startsWith("#x")
                        ? Integer.parseInt(entity.substring(2), 16)
                        : Integer.parseInt(entity.substring(1));
                yield Character.isValidCodePoint(code) && code != 0 ? Character.toString(code) : "";
            }
        };
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
