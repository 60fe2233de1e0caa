package io.backchannel.archive;

/** What a captured item was in the conversation. */
public enum CaptureKind {
    /** Said by the company on its own account. */
    OWN_POST,
    /** Someone else named the company. */
    INBOUND_MENTION,
    COMMENT,
    /** An answer to a comment or mention, by the company or anyone else. */
    REPLY
}
