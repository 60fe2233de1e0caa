package io.backchannel.archive.internal;

/** An archivist's request the archive will not carry out, with the message key that says why. */
public class Refused extends RuntimeException {

    private final String messageKey;

    Refused(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
