package io.backchannel.channels;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A post a connector heard for the first time, told inside {@link PostsCaptured}: a delivery that repeats one already
 * held raises nothing. The text is carried as received (not yet normalised), so listeners need not ask back.
 *
 * @param postId the post as held by the channels module
 * @param connectorId the configured connector that heard it; a reply goes back through it
 * @param channel the connector's kind, e.g. {@code feed}, {@code mastodon}, {@code bluesky}, {@code webhook},
 *     {@code manual}, {@code x}
 * @param externalId the post's id on its platform
 * @param inReplyToExternalId the platform id of the post it answers, to thread a conversation
 * @param authorHandle the author's stable handle on the platform (e.g. {@code @anna@example.social})
 * @param languageHint the language the platform or author declared, as an IETF tag, when any
 * @param fromCompany whether one of the company's own accounts said it
 */
public record PostCaptured(
        UUID postId,
        UUID connectorId,
        String channel,
        String externalId,
        @Nullable String inReplyToExternalId,
        String authorHandle,
        String authorName,
        String text,
        @Nullable String url,
        @Nullable String languageHint,
        boolean fromCompany,
        Instant postedAt,
        Instant capturedAt) {}
