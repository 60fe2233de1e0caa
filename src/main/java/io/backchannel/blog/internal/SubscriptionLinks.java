package io.backchannel.blog.internal;

import io.backchannel.system.Signatures;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Absolute links for the blog's mails: to a post, and the signed links that confirm a guest's subscription or end a
 * subscription with one click. Those carry the subscription and an expiry, signed with the installation secret for
 * their purpose, so that they work without a login and cannot be altered to act on someone else's subscription.
 */
@Component
class SubscriptionLinks {

    enum Purpose {
        CONFIRM("blog-subscription-confirm", "/blog/subscriptions/confirm/{token}"),
        UNSUBSCRIBE("blog-unsubscribe", "/blog/unsubscribe/{token}");

        private final String signaturePurpose;
        private final String path;

        Purpose(String signaturePurpose, String path) {
            this.signaturePurpose = signaturePurpose;
            this.path = path;
        }
    }

    private final Signatures signatures;
    private final String baseUrl;
    private final Duration unsubscribeValidity;
    private final Duration confirmValidity;

    SubscriptionLinks(
            Signatures signatures,
            @Value("${backchannel.base-url}") String baseUrl,
            @Value("${backchannel.blog.unsubscribe-link-validity:180d}") Duration unsubscribeValidity,
            @Value("${backchannel.blog.subscription-confirm-validity:7d}") Duration confirmValidity) {
        this.signatures = signatures;
        this.baseUrl = baseUrl;
        this.unsubscribeValidity = unsubscribeValidity;
        this.confirmValidity = confirmValidity;
    }

    String post(String language, String slug, @Nullable UUID commentId) {
        var builder = UriComponentsBuilder.fromUriString(baseUrl).path("/blog/{language}/{slug}");
        if (commentId != null) {
            builder.fragment("comment-" + commentId);
        }
        return builder.buildAndExpand(language, slug).toUriString();
    }

    String link(Purpose purpose, UUID subscriptionId) {
        var validity = purpose == Purpose.CONFIRM ? confirmValidity : unsubscribeValidity;
        String data = subscriptionId + "." + Instant.now().plus(validity).getEpochSecond();
        return UriComponentsBuilder.fromUriString(baseUrl)
                .path(purpose.path)
                .buildAndExpand(data + "." + signatures.sign(purpose.signaturePurpose, data))
                .toUriString();
    }

    /** What the token says, if this installation signed it for the purpose; expired tokens are told apart. */
    Reading read(Purpose purpose, String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Reading.INVALID;
        }
        String data = parts[0] + "." + parts[1];
        if (!signatures.verify(purpose.signaturePurpose, data, parts[2])) {
            return Reading.INVALID;
        }
        // Signed by us, so the parts are well-formed.
        if (Instant.ofEpochSecond(Long.parseLong(parts[1])).isBefore(Instant.now())) {
            return Reading.EXPIRED;
        }
        return new Reading(BlogSubscriptions.LinkState.VALID, UUID.fromString(parts[0]));
    }

    record Reading(BlogSubscriptions.LinkState state, @Nullable UUID subscriptionId) {

        static final Reading INVALID = new Reading(BlogSubscriptions.LinkState.INVALID, null);
        static final Reading EXPIRED = new Reading(BlogSubscriptions.LinkState.EXPIRED, null);
    }
}
