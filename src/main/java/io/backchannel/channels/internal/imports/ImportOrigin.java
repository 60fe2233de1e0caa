package io.backchannel.channels.internal.imports;

import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Where the items of one imported file come from: the platform, the file and the moment of the import, which every
 * capture read from it shares.
 */
record ImportOrigin(String platform, String file, Instant collectedAt) {

    static final String METHOD = "import";

    ImportOrigin(String platform, String file) {
        this(platform, file, Instant.now());
    }

    Capture capture(
            String sourceId,
            String account,
            String author,
            CaptureKind kind,
            String language,
            Instant saidAt,
            @Nullable String url,
            String text,
            String contentType,
            byte[] content) {
        return new Capture(
                platform,
                sourceId,
                account,
                author,
                kind,
                language,
                saidAt,
                url,
                text,
                contentType,
                content,
                "backchannel-import/" + platform,
                file,
                collectedAt,
                METHOD);
    }

    /** A short stable name for records the platform gives no id: the first 128 bits of SHA-256 over the parts. */
    static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The text with each link it does not already show added on a line of its own. */
    static String withLinks(String text, Iterable<String> links) {
        var joined = new StringBuilder(text);
        for (String link : links) {
            if (!link.isBlank() && joined.indexOf(link) < 0) {
                if (!joined.isEmpty()) {
                    joined.append('\n');
                }
                joined.append(link);
            }
        }
        return joined.toString();
    }
}
