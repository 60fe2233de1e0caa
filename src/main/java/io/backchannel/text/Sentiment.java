package io.backchannel.text;

/** The feeling of a post; {@link #UNCLEAR} when the evidence is weak or mixed, for a person to decide. */
public enum Sentiment {
    POSITIVE,
    NEUTRAL,
    NEGATIVE,
    UNCLEAR
}
