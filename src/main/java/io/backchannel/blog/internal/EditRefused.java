package io.backchannel.blog.internal;

/** A post cannot be saved as entered; {@code field} names the form field and {@code messageKey} says why. */
public class EditRefused extends RuntimeException {

    private final String field;
    private final String messageKey;
    private final Object[] arguments;

    public EditRefused(String field, String messageKey, Object... arguments) {
        super(field + ": " + messageKey);
        this.field = field;
        this.messageKey = messageKey;
        this.arguments = arguments.clone();
    }

    public Object[] arguments() {
        return arguments.clone();
    }

    public String field() {
        return field;
    }

    public String messageKey() {
        return messageKey;
    }
}
