package io.backchannel.text;

/** The feeling of a post; {@link #UNCLEAR} when the evidence is weak or mixed, for a person to decide. */
public enum Sentiment {
    POSITIVE,
    NEUTRAL,
    NEGATIVE,
    UNCLEAR;

    /** The message key of its name in the text bundles. */
    public String messageKey() {
        return switch (this) {
            case POSITIVE -> "text.sentiment.positive";
            case NEUTRAL -> "text.sentiment.neutral";
            case NEGATIVE -> "text.sentiment.negative";
            case UNCLEAR -> "text.sentiment.unclear";
        };
    }
}
