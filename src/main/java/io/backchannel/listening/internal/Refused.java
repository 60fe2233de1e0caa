package io.backchannel.listening.internal;

/** A staff action the inbox will not carry out, with the message key that tells why. */
public class Refused extends RuntimeException {

    private final String key;

    public Refused(String key) {
        super(key);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
