package io.backchannel.ideas.web;

import io.backchannel.ideas.internal.IdeaPortal.VoteRefused.Reason;

/** The translated message for each reason a vote is refused, on the pages and in the API. */
final class VoteRefusals {

    private VoteRefusals() {}

    static String messageKey(Reason reason) {
        return switch (reason) {
            case INVALID -> "ideas.vote.refused.INVALID";
            case CLOSED -> "ideas.vote.refused.CLOSED";
            case UP_ONLY -> "ideas.vote.refused.UP_ONLY";
            case OVER_BUDGET -> "ideas.budget.exhausted";
        };
    }
}
