package io.backchannel.text;

/** What a post seems to want, by rules in English and German; a post can have several or none. */
public enum Intent {
    QUESTION,
    COMPLAINT,
    PRAISE,
    IDEA,
    JOB_APPLICANT,
    INVESTOR;

    /** The message key of its name in the text bundles. */
    public String messageKey() {
        return switch (this) {
            case QUESTION -> "text.intent.question";
            case COMPLAINT -> "text.intent.complaint";
            case PRAISE -> "text.intent.praise";
            case IDEA -> "text.intent.idea";
            case JOB_APPLICANT -> "text.intent.job-applicant";
            case INVESTOR -> "text.intent.investor";
        };
    }
}
