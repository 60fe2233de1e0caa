package io.backchannel.ideas;

import java.util.UUID;

public record IdeaSubmitted(UUID ideaId, long number, UUID authorId) {}
