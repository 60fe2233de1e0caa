package io.backchannel.ideas;

import java.util.UUID;

/**
 * A new idea became public: at once on an open board, or when staff approve it on a pre-moderated board. Ideas that
 * wait for moderation, or that staff decline, never raise it, so listeners only ever announce ideas anyone can see.
 */
public record IdeaSubmitted(UUID ideaId, long number, UUID authorId) {}
