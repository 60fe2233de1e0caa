package io.backchannel.ideas.internal;

import io.backchannel.system.Signatures;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Absolute links for mails and explanations: to an idea, and one-click unsubscribe links, which carry the idea, the
 * account and an expiry, signed with the installation secret, so that they work without a login and cannot be
 * altered to unsubscribe someone else. Pages use it as {@code @ideaLinks} for an idea's share link.
 */
@Component
public class IdeaLinks {

    private static final String PURPOSE = "ideas-unsubscribe";

    private final Signatures signatures;
    private final String baseUrl;
    private final Duration validity;

    IdeaLinks(
            Signatures signatures,
            @Value("${backchannel.base-url}") String baseUrl,
            @Value("${backchannel.ideas.unsubscribe-link-validity:180d}") Duration validity) {
        this.signatures = signatures;
        this.baseUrl = baseUrl;
        this.validity = validity;
    }

    public String idea(long number) {
        return UriComponentsBuilder.fromUriString(baseUrl)
                .path("/ideas/{number}")
                .buildAndExpand(number)
                .toUriString();
    }

    String unsubscribe(long number, UUID accountId) {
        String data =
                number + "." + accountId + "." + Instant.now().plus(validity).getEpochSecond();
        return UriComponentsBuilder.fromUriString(baseUrl)
                .path("/ideas/unsubscribe/{token}")
                .buildAndExpand(data + "." + signatures.sign(PURPOSE, data))
                .toUriString();
    }

    /** What the token says, if this installation signed it; expired tokens are told apart from forged ones. */
    Reading read(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4) {
            return Reading.INVALID;
        }
        String data = parts[0] + "." + parts[1] + "." + parts[2];
        if (!signatures.verify(PURPOSE, data, parts[3])) {
            return Reading.INVALID;
        }
        // Signed by us, so the parts are well-formed.
        if (Instant.ofEpochSecond(Long.parseLong(parts[2])).isBefore(Instant.now())) {
            return Reading.EXPIRED;
        }
        return new Reading(IdeaSubscriptions.LinkState.VALID, Long.parseLong(parts[0]), UUID.fromString(parts[1]));
    }

    record Reading(IdeaSubscriptions.LinkState state, long number, @Nullable UUID accountId) {

        static final Reading INVALID = new Reading(IdeaSubscriptions.LinkState.INVALID, 0, null);
        static final Reading EXPIRED = new Reading(IdeaSubscriptions.LinkState.EXPIRED, 0, null);
    }
}
