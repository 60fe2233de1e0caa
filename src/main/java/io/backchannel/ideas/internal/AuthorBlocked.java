package io.backchannel.ideas.internal;

/** The account is blocked by staff and may not submit, vote, comment or flag in the portal. */
public class AuthorBlocked extends RuntimeException {
    AuthorBlocked() {
        super("Account blocked from the ideas portal");
    }
}
