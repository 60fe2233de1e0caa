package io.backchannel.ideas;

/** An idea as other modules link to it: its public number, title and the full address of its page. */
public record IdeaReference(long number, String title, String url) {}
