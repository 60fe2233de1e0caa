package io.backchannel.ideas.web;

import io.backchannel.ideas.IdeaStatus;
import io.backchannel.ideas.internal.IdeaQuery;
import io.backchannel.ideas.internal.IdeaStatuses;
import io.backchannel.identity.SignedInAccount;
import org.jspecify.annotations.Nullable;

/** The query behind every view of the idea list (page, feed, export), built from its request parameters. */
final class IdeaLists {

    private IdeaLists() {}

    static IdeaQuery query(
            IdeaQuery.Sort sort,
            @Nullable String category,
            @Nullable IdeaStatus status,
            String text,
            boolean mine,
            boolean voted,
            @Nullable SignedInAccount account) {
        var choice = status == null ? null : new IdeaStatuses.Choice(status, null, status.needsExplanation());
        return query(sort, category, choice, text, mine, voted, account);
    }

    /** The status filter may name a built-in stage or an admin's own status; an unknown one filters nothing. */
    static IdeaQuery query(
            IdeaQuery.Sort sort,
            @Nullable String category,
            IdeaStatuses.@Nullable Choice status,
            String text,
            boolean mine,
            boolean voted,
            @Nullable SignedInAccount account) {
        String board = category == null || category.isBlank() ? null : category;
        var me = account == null ? null : account.id();
        return new IdeaQuery(
                sort,
                board,
                status == null ? null : status.stage(),
                text,
                mine ? me : null,
                voted ? me : null,
                status == null ? null : status.label());
    }
}
