package io.backchannel.blog;

import java.time.Instant;
import java.util.UUID;

/**
 * An incident's timeline grew: it was opened (its first update), got an update, or was resolved. {@code status} is the
 * status the update set: INVESTIGATING, IDENTIFIED, MONITORING or RESOLVED.
 */
public record IncidentUpdated(UUID incidentId, long number, String status, UUID updateId, Instant postedAt) {}
