package io.backchannel.ideas;

import java.time.Instant;
import java.util.UUID;

/** One change of an idea's status with the public explanation staff gave (empty when none). */
public record StatusNote(
        UUID id, long ideaNumber, String from, String to, String explanation, UUID changedBy, Instant changedAt) {}
