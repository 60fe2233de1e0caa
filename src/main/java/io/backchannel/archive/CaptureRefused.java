package io.backchannel.archive;

/** A capture the archive will not take, with the message key that says why (e.g. the content is too large). */
public class CaptureRefused extends RuntimeException {

    private final String messageKey;
    private final String detail;

    public CaptureRefused(String messageKey, String detail) {
        super(messageKey + ": " + detail);
        this.messageKey = messageKey;
        this.detail = detail;
    }

    public String detail() {
        return detail;
    }

    public String messageKey() {
        return messageKey;
    }
}
