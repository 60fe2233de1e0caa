package io.backchannel.ideas.internal;

/**
 * An account's choices for mails from the ideas portal; {@code followParticipation} makes voting and commenting
 * subscribe to the idea.
 */
public record NotificationSettings(boolean statusMails, boolean answerMails, boolean followParticipation) {

    static final NotificationSettings DEFAULTS = new NotificationSettings(true, true, true);
}
