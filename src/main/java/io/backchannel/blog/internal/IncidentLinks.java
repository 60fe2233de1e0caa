package io.backchannel.blog.internal;

import io.backchannel.system.Signatures;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Absolute links for incident mails: the incident's page, and the signed links that confirm or end a subscription
 * without a login. A token names the incident, the subscription and an expiry; the purpose keeps a confirmation
 * token from unsubscribing and the other way round.
 */
@Component
class IncidentLinks {

    enum Purpose {
        CONFIRM("blog-incident-confirm", "/blog/incidents/confirm/{token}", Duration.ofDays(7)),
        UNSUBSCRIBE("blog-incident-unsubscribe", "/blog/incidents/unsubscribe/{token}", Duration.ofDays(365));

        private final String name;
        private final String path;
        private final Duration validity;

        Purpose(String name, String path, Duration validity) {
            this.name = name;
            this.path = path;
            this.validity = validity;
        }
    }

    record Reading(IncidentSubscriptions.State state, long number, UUID subscriptionId) {

        static final Reading INVALID = new Reading(IncidentSubscriptions.State.INVALID, 0, new UUID(0, 0));
        static final Reading EXPIRED = new Reading(IncidentSubscriptions.State.EXPIRED, 0, new UUID(0, 0));
    }

    private final Signatures signatures;
    private final String baseUrl;

    IncidentLinks(Signatures signatures, @Value("${backchannel.base-url}") String baseUrl) {
        this.signatures = signatures;
        this.baseUrl = baseUrl;
    }

    String incident(long number) {
        return UriComponentsBuilder.fromUriString(baseUrl)
                .path("/blog/incidents/{number}")
                .buildAndExpand(number)
                .toUriString();
    }

    String link(Purpose purpose, long number, UUID subscriptionId) {
        String data = number + "." + subscriptionId + "."
                + Instant.now().plus(purpose.validity).getEpochSecond();
        return UriComponentsBuilder.fromUriString(baseUrl)
                .path(purpose.path)
                .buildAndExpand(data + "." + signatures.sign(purpose.name, data))
                .toUriString();
    }

    /** What the token says, if this installation signed it for the purpose; expired tokens are told apart. */
    Reading read(Purpose purpose, String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4) {
            return Reading.INVALID;
        }
        String data = parts[0] + "." + parts[1] + "." + parts[2];
        if (!signatures.verify(purpose.name, data, parts[3])) {
            return Reading.INVALID;
        }
        // Signed by us, so the parts are well-formed.
        if (Instant.ofEpochSecond(Long.parseLong(parts[2])).isBefore(Instant.now())) {
            return Reading.EXPIRED;
        }
        return new Reading(IncidentSubscriptions.State.VALID, Long.parseLong(parts[0]), UUID.fromString(parts[1]));
    }
}
