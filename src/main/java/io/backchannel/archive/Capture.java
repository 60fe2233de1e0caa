package io.backchannel.archive;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One item to archive as it was said: {@code content} holds the original bytes (a platform's JSON, a post's Markdown),
 * {@code text} what a person reads and searches. The source id names the item on its platform, so that capturing it
 * again is recognised and an edit becomes a new version.
 *
 * @param platform where it was said, e.g. {@code backchannel-ideas}, {@code x}, {@code mastodon}
 * @param account the company's account on that platform the item belongs to
 * @param language an ISO 639-1 code, or {@code und} when unknown
 * @param collectedBy who or what collected it (an importer, a listener, a person's address)
 * @param collectedFrom where it was collected from (an export file, a URL, a module)
 * @param method how it was collected, e.g. {@code event}, {@code import}, {@code api}
 */
public record Capture(
        String platform,
        String sourceId,
        String account,
        String author,
        CaptureKind kind,
        String language,
        Instant saidAt,
        @Nullable String url,
        String text,
        String contentType,
        byte[] content,
        String collectedBy,
        String collectedFrom,
        Instant collectedAt,
        String method) {

    /**
     * The same item filed under {@code account}, e.g. an export's posts under the account being imported; an item whose
     * source named no author is said by that account.
     */
    public Capture withOwner(String account) {
        return new Capture(
                platform,
                sourceId,
                account,
                author.isBlank() ? account : author,
                kind,
                language,
                saidAt,
                url,
                text,
                contentType,
                content,
                collectedBy,
                collectedFrom,
                collectedAt,
                method);
    }
}
