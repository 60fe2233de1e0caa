package io.backchannel.archive;

/**
 * What became of one item of a batch: archived (new, already held or a new version), or refused with the message key
 * that says why. A refused item leaves the others of its batch untouched.
 */
public sealed interface CaptureResult {

    /** The outcome, or the refusal as the exception a single {@code capture} throws. */
    CaptureOutcome orThrow();

    record Archived(CaptureOutcome outcome) implements CaptureResult {

        @Override
        public CaptureOutcome orThrow() {
            return outcome;
        }
    }

    record Refused(String messageKey, String detail) implements CaptureResult {

        @Override
        public CaptureOutcome orThrow() {
            throw new CaptureRefused(messageKey, detail);
        }
    }
}
