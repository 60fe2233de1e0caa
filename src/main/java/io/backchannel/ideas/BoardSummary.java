package io.backchannel.ideas;

import java.util.UUID;

/** A board (category) of the portal as other modules offer it for choosing, e.g. where an idea should go. */
public record BoardSummary(UUID id, String slug, String name) {}
