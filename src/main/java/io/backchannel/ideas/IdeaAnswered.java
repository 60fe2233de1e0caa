package io.backchannel.ideas;

import java.util.UUID;

/** Staff answered an idea with a comment; {@code answer} is the comment's Markdown source. */
public record IdeaAnswered(UUID ideaId, long number, UUID staffId, String answer) {}
