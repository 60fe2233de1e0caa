package io.backchannel.archive.internal;

import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureKind;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.text.Languages;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Turns what was said inside Backchannel (ideas, blog) into captures of the same shape: Markdown as content, the
 * author's display name, the public address under this installation's base URL, and the module as collector.
 */
@Component
class SaidHere {

    private static final String MARKDOWN = "text/markdown; charset=utf-8";

    private final IdentityManagement identity;
    private final String baseUrl;

    SaidHere(IdentityManagement identity, @Value("${backchannel.base-url}") String baseUrl) {
        this.identity = identity;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    /** A capture by an account; {@code language} blank or null is detected from the text. */
    Capture by(
            Where where,
            String sourceId,
            UUID authorId,
            CaptureKind kind,
            @Nullable String language,
            Instant saidAt,
            String path,
            String text) {
        return as(where, sourceId, authorName(authorId), kind, language, saidAt, path, text);
    }

    Capture as(
            Where where,
            String sourceId,
            String author,
            CaptureKind kind,
            @Nullable String language,
            Instant saidAt,
            String path,
            String text) {
        return new Capture(
                where.platform(),
                sourceId,
                where.account(),
                author,
                kind,
                language == null || language.isBlank() ? Languages.detect(text) : language,
                saidAt,
                baseUrl + path,
                text,
                MARKDOWN,
                text.getBytes(StandardCharsets.UTF_8),
                where.collectedBy(),
                baseUrl,
                Instant.now(),
                "event");
    }

    /** A comment by staff, or an answer to another comment, is a reply; any other comment a comment. */
    static CaptureKind commentKind(boolean staff, @Nullable UUID parentId) {
        return staff || parentId != null ? CaptureKind.REPLY : CaptureKind.COMMENT;
    }

    String authorName(UUID authorId) {
        return identity.displayNames(List.of(authorId)).getOrDefault(authorId, authorId.toString());
    }

    /** The platform and account a module's items are archived under, and the collector named in their records. */
    record Where(String platform, String account, String collectedBy) {}
}
