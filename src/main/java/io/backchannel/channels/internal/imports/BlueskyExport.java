package io.backchannel.channels.internal.imports;

import io.backchannel.archive.CaptureKind;
import io.backchannel.channels.internal.LanguageTags;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A Bluesky repository as {@code com.atproto.sync.getRepo} downloads it: a CAR file whose root is the signed commit,
 * whose {@code data} is the root of the Merkle search tree of all records. The tree is walked in key order and every
 * {@code app.bsky.feed.post} record captured, its links expanded from the facets; the archived content is the record's
 * DAG-CBOR block. See {@link CarBlocks} for how the file is held while the tree is walked.
 */
@Component
final class BlueskyExport implements ExportFormat {

    static final String PLATFORM = "bluesky";

    static final String POSTS = "app.bsky.feed.post/";

    /** A tree level holds keys with four more leading zero bits of their hash, so real trees are a dozen levels. */
    static final int MAX_TREE_DEPTH = 64;

    private static final String CONTENT_TYPE = "application/vnd.ipld.dag-cbor";

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public boolean recognises(List<String> paths) {
        return paths.stream().anyMatch(path -> path.endsWith(".car"));
    }

    @Override
    public ExportReader reader(ImportSink sink) {
        return new Reader(sink);
    }

    private static final class Reader implements ExportReader {

        private final ImportSink sink;

        Reader(ImportSink sink) {
            this.sink = sink;
        }

        @Override
        public int order(String path) {
            return path.endsWith(".car") ? 1 : -1;
        }

        @Override
        public void read(String path, InputStream content) throws IOException {
            try (CarBlocks blocks = CarBlocks.read(
                    content,
                    (section, reasonKey, arguments) -> sink.reject(path + " §" + section, reasonKey, arguments))) {
                Cid root = blocks.roots().getFirst();
                if (!(decoded(blocks, root) instanceof Map<?, ?> commit
                        && commit.get("did") instanceof String repository
                        && commit.get("data") instanceof Cid tree)) {
                    throw new IOException(path + ": the repository's commit " + root + " is missing or unreadable");
                }
                new Walk(path, blocks, repository, new ImportOrigin(PLATFORM, path)).node(tree, 0);
            }
        }

        private static @Nullable Object decoded(CarBlocks blocks, Cid cid) throws IOException {
            byte[] block = blocks.block(cid);
            try {
                return block == null ? null : DagCbor.decode(block);
            } catch (DagCbor.Malformed e) {
                return null;
            }
        }

        /** One repository's tree walk; the nodes already visited are remembered so that none is followed twice. */
        private final class Walk {

            private final String path;
            private final CarBlocks blocks;
            private final String did;
            private final ImportOrigin origin;
            private final Set<Cid> seen = new HashSet<>();

            Walk(String path, CarBlocks blocks, String did, ImportOrigin origin) {
                this.path = path;
                this.blocks = blocks;
                this.did = did;
                this.origin = origin;
            }

            /**
             * Visits a tree node: its left subtree, then each entry (key = the previous key's first {@code p} bytes and
             * {@code k}) followed by the entry's right subtree. A node seen twice or too deep is a forged tree, not a
             * repository, and is not followed.
             */
            void node(Cid node, int depth) throws IOException {
                String where = path + " " + node;
                if (depth > MAX_TREE_DEPTH || !seen.add(node)) {
                    sink.reject(where, "channels.import.car.bad-tree");
                    return;
                }
                Decoded decoded = decoded(where, node);
                if (decoded == null) {
                    return;
                }
                if (!(decoded.value() instanceof Map<?, ?> fields && fields.get("e") instanceof List<?>)) {
                    sink.reject(where, "channels.import.car.bad-tree");
                    return;
                }
                if (fields.get("l") instanceof Cid left) {
                    node(left, depth + 1);
                }
                byte[] key = new byte[0];
                for (Object entry : (List<?>) fields.get("e")) {
                    if (!(entry instanceof Map<?, ?> e
                            && e.get("p") instanceof Long prefix
                            && e.get("k") instanceof byte[] suffix
                            && e.get("v") instanceof Cid value
                            && prefix >= 0
                            && prefix <= key.length)) {
                        sink.reject(where, "channels.import.car.bad-tree");
                        return;
                    }
                    byte[] full = Arrays.copyOf(key, prefix.intValue() + suffix.length);
                    System.arraycopy(suffix, 0, full, prefix.intValue(), suffix.length);
                    key = full;
                    record(new String(key, StandardCharsets.UTF_8), value);
                    if (e.get("t") instanceof Cid right) {
                        node(right, depth + 1);
                    }
                }
            }

            /** The block and its value, or {@code null} after telling the sink why there is none. */
            private @Nullable Decoded decoded(String where, Cid cid) throws IOException {
                byte[] block = blocks.block(cid);
                if (block == null) {
                    sink.reject(where, "channels.import.car.missing-block");
                    return null;
                }
                try {
                    return new Decoded(block, DagCbor.decode(block));
                } catch (DagCbor.Malformed e) {
                    sink.reject(where, "channels.import.car.bad-block");
                    return null;
                }
            }

            private void record(String key, Cid value) throws IOException {
                if (!key.startsWith(POSTS)) {
                    return;
                }
                String where = path + " " + key;
                Decoded decoded = decoded(where, value);
                if (decoded == null) {
                    return;
                }
                if (!(decoded.value() instanceof Map<?, ?> post && post.get("text") instanceof String)) {
                    sink.reject(where, "channels.import.not-record");
                    return;
                }
                Instant saidAt = post.get("createdAt") instanceof String created ? instant(created) : null;
                if (saidAt == null) {
                    sink.reject(where, "channels.import.bad-date", String.valueOf(post.get("createdAt")));
                    return;
                }
                String rkey = key.substring(POSTS.length());
                String text = withEmbeds(expandLinks((String) post.get("text"), post.get("facets")), post.get("embed"));
                if (text.isBlank()) {
                    sink.reject(where, "channels.import.empty");
                    return;
                }
                Object langs = post.get("langs");
                String declared =
                        langs instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof String first
                                ? first
                                : null;
                boolean reply = post.get("reply") instanceof Map<?, ?> replyTo
                        && replyTo.get("parent") instanceof Map<?, ?> parent
                        && parent.get("uri") instanceof String;
                sink.capture(origin.capture(
                        "at://" + did + "/" + key,
                        did,
                        did,
                        reply ? CaptureKind.REPLY : CaptureKind.OWN_POST,
                        LanguageTags.primary(declared, text),
                        saidAt,
                        "https://bsky.app/profile/" + did + "/post/" + rkey,
                        text,
                        CONTENT_TYPE,
                        decoded.block()));
            }
        }

        private static @Nullable Instant instant(String value) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private record Decoded(byte[] block, @Nullable Object value) {}

    /** A link facet: the UTF-8 byte range of the text it covers and the address it stands for. */
    private record Link(int start, int end, String uri) {}

    /**
     * The text with every link facet's range (often a shortened "example.com/some…") replaced by the whole address.
     * Ranges that overlap, leave the text or cut a character in two are left as they are.
     */
    static String expandLinks(String text, @Nullable Object facets) {
        if (!(facets instanceof List<?> list)) {
            return text;
        }
        var links = new ArrayList<Link>();
        for (Object facet : list) {
            if (facet instanceof Map<?, ?> f
                    && f.get("index") instanceof Map<?, ?> index
                    && index.get("byteStart") instanceof Long start
                    && index.get("byteEnd") instanceof Long end
                    && f.get("features") instanceof List<?> features) {
                for (Object feature : features) {
                    if (feature instanceof Map<?, ?> link
                            && "app.bsky.richtext.facet#link".equals(link.get("$type"))
                            && link.get("uri") instanceof String uri
                            && start >= 0
                            && end <= Integer.MAX_VALUE) {
                        links.add(new Link(start.intValue(), end.intValue(), uri));
                    }
                }
            }
        }
        if (links.isEmpty()) {
            return text;
        }
        links.sort(Comparator.comparingInt(Link::start));
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        var out = new ByteArrayOutputStream(bytes.length);
        int at = 0;
        for (Link link : links) {
            if (link.start() < at
                    || link.end() > bytes.length
                    || link.start() >= link.end()
                    || continuation(bytes, link.start())
                    || continuation(bytes, link.end())) {
                continue;
            }
            out.write(bytes, at, link.start() - at);
            out.writeBytes(link.uri().getBytes(StandardCharsets.UTF_8));
            at = link.end();
        }
        out.write(bytes, at, bytes.length - at);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean continuation(byte[] bytes, int at) {
        return at < bytes.length && (bytes[at] & 0xC0) == 0x80;
    }

    /** The text with what the post embeds added: a link card's address, a quoted post's address, images' alt texts. */
    static String withEmbeds(String text, @Nullable Object embed) {
        var added = new ArrayList<String>();
        embedded(embed, added, 0);
        return ImportOrigin.withLinks(text, added);
    }

    private static void embedded(@Nullable Object embed, List<String> added, int depth) {
        if (!(embed instanceof Map<?, ?> map) || depth > 2) {
            return;
        }
        if (map.get("external") instanceof Map<?, ?> external && external.get("uri") instanceof String uri) {
            added.add(uri);
        }
        if (map.get("record") instanceof Map<?, ?> record) {
            if (record.get("uri") instanceof String uri) {
                added.add(uri);
            }
            embedded(record, added, depth + 1);
        }
        if (map.get("images") instanceof List<?> images) {
            for (Object image : images) {
                if (image instanceof Map<?, ?> i && i.get("alt") instanceof String alt) {
                    added.add(alt.strip());
                }
            }
        }
        embedded(map.get("media"), added, depth + 1);
    }
}
