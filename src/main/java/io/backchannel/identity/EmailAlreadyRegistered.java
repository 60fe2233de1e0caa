package io.backchannel.identity;

/** Another account already uses the e-mail address (compared without regard to case). */
public class EmailAlreadyRegistered extends RuntimeException {

    public EmailAlreadyRegistered(String email) {
        super("E-mail address already registered: " + email);
    }
}
