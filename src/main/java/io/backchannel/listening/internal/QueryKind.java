package io.backchannel.listening.internal;

/** A BRAND query says what the inbox is for; a COMPETITOR query only counts posts for share of voice. */
public enum QueryKind {
    BRAND,
    COMPETITOR;

    /** The message key of the kind's name; spelt out so that the guard of translations finds each one. */
    public String labelKey() {
        return switch (this) {
            case BRAND -> "listening.query.kind.brand";
            case COMPETITOR -> "listening.query.kind.competitor";
        };
    }
}
