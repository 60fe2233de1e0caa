package io.backchannel.blog;

import java.time.Instant;
import java.util.UUID;

/** One language of an incident update with the incident's title in that language (empty if it has none there). */
public record IncidentUpdateText(
        UUID updateId,
        long incidentNumber,
        String language,
        String incidentTitle,
        String status,
        String markdown,
        UUID postedBy,
        Instant postedAt) {}
