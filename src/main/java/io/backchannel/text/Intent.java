package io.backchannel.text;

/** What a post seems to want, by rules in English and German; a post can have several or none. */
public enum Intent {
    QUESTION,
    COMPLAINT,
    PRAISE,
    IDEA,
    JOB_APPLICANT,
    INVESTOR
}
