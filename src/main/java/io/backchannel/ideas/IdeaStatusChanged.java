package io.backchannel.ideas;

import java.util.UUID;

public record IdeaStatusChanged(UUID ideaId, long number, IdeaStatus from, IdeaStatus to, UUID changedBy) {}
