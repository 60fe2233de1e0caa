package io.backchannel.ideas.web;

import io.backchannel.ideas.IdeaStatus;
import io.backchannel.ideas.internal.IdeaQuery;
import io.backchannel.ideas.internal.IdeaStatuses;
import io.backchannel.ideas.internal.TagNames;
import io.backchannel.identity.SignedInAccount;
import org.jspecify.annotations.Nullable;

/** The query behind every view of the idea list (page, feed, export), built from its request parameters. */
final class IdeaLists {

    private IdeaLists() {}

    /** With a built-in stage as the status filter, as the API takes it. */
    static IdeaQuery query(
            IdeaQuery.Sort sort,
            @Nullable String category,
            @Nullable IdeaStatus status,
            String text,
            @Nullable String tag,
            @Nullable String language,
            boolean mine,
            boolean voted,
            @Nullable SignedInAccount account) {
        var choice = status == null ? null : new IdeaStatuses.Choice(status, null, status.needsExplanation());
        return query(sort, category, choice, text, tag, language, mine, voted, account);
    }

    /** The status filter may name a built-in stage or an admin's own status; an unknown one filters nothing. */
    static IdeaQuery query(
            IdeaQuery.Sort sort,
            @Nullable String category,
            IdeaStatuses.@Nullable Choice status,
            String text,
            @Nullable String tag,
            @Nullable String language,
            boolean mine,
            boolean voted,
            @Nullable SignedInAccount account) {
        String board = category == null || category.isBlank() ? null : category;
        var me = account == null ? null : account.id();
        return new IdeaQuery(
                sort,
                board,
                status == null ? null : status.stage(),
                storable(text),
                mine ? me : null,
                voted ? me : null,
                status == null ? null : status.label(),
                tag(tag),
                blankToNull(language),
                null);
    }

    /** A tag filter compares like stored tags do, so "#Dark-Mode" finds "dark-mode". */
    static @Nullable String tag(@Nullable String tag) {
        return blankToNull(tag == null ? null : TagNames.normalize(tag));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : storable(value.strip());
    }

    /** PostgreSQL refuses the NUL character in text, even as a parameter; no stored text contains one. */
    private static String storable(String value) {
        return value.replace("\u0000", "");
    }
}
