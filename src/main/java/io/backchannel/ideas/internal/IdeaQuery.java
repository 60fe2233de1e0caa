package io.backchannel.ideas.internal;

import io.backchannel.ideas.IdeaStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the idea list shows: a sort, filters and a full-text search with English and German stemming. Builds its SQL
 * from fixed fragments with bound parameters only.
 */
public record IdeaQuery(
        Sort sort,
        @Nullable String category,
        @Nullable IdeaStatus status,
        String text,
        @Nullable UUID author,
        @Nullable UUID votedBy,
        @Nullable UUID statusLabel,
        @Nullable String tag,
        @Nullable String language,
        @Nullable UUID tagId) {

    /** Filtered by tag name; the finder looks up the tag's id before it asks the database. */
    public IdeaQuery(
            Sort sort,
            @Nullable String category,
            @Nullable IdeaStatus status,
            String text,
            @Nullable UUID author,
            @Nullable UUID votedBy,
            @Nullable String tag,
            @Nullable String language) {
        this(sort, category, status, text, author, votedBy, null, tag, language, null);
    }

    /** Without tag and language filter. */
    public IdeaQuery(
            Sort sort,
            @Nullable String category,
            @Nullable IdeaStatus status,
            String text,
            @Nullable UUID author,
            @Nullable UUID votedBy) {
        this(sort, category, status, text, author, votedBy, null, null, null, null);
    }

    public enum Sort {
        HOT("i.hot desc, i.id"),
        TOP("(i.promotes - i.demotes) desc, i.id"),
        NEW("i.created_at desc, i.id"),
        IMPLEMENTED("i.implemented_at desc nulls last, i.id");

        final String orderBy;

        Sort(String orderBy) {
            this.orderBy = orderBy;
        }
    }

    static final String SEARCH = "(websearch_to_tsquery('english', ?) || websearch_to_tsquery('german', ?))";

    /**
     * Ideas whose own text or one of whose visible comments matches, through their search document (V15). As a
     * correlated condition the planner can walk the ideas in list order and stop after a page of matches when a word
     * is common, or read the few matches from the GIN index when it is rare.
     */
    static final String TEXT_MATCH =
            "exists (select 1 from ideas_search s where s.idea_id = i.id and s.doc @@ " + SEARCH + ")";

    String where() {
        var conditions = new ArrayList<String>();
        // Ideas waiting for moderation or declined are seen only by their author, in the list of their own ideas.
        if (author == null) {
            conditions.add("i.moderation = 'PUBLISHED'");
        }
        if (category != null) {
            conditions.add("c.slug = ?");
        }
        if (status != null) {
            conditions.add("i.status = ?");
        }
        if (statusLabel != null) {
            conditions.add("i.status_label_id = ?");
        }
        if (status == null && statusLabel == null && sort == Sort.IMPLEMENTED) {
            conditions.add("i.implemented_at is not null");
        }
        if (!text.isBlank()) {
            conditions.add(TEXT_MATCH);
        }
        if (author != null) {
            conditions.add("i.author_id = ?");
        }
        if (votedBy != null) {
            conditions.add("exists (select 1 from ideas_vote v where v.idea_id = i.id and v.account_id = ?)");
        }
        if (tagId != null) {
            // By id, not by name through a join: the planner then knows from its statistics whether the tag is rare
            // (read its ideas by the tag index) or common (walk the sort order and check each idea).
            conditions.add("i.id in (select it.idea_id from ideas_idea_tag it where it.tag_id = ?)");
        } else if (tag != null) {
            conditions.add("false");
        }
        if (language != null) {
            conditions.add("i.language = ?");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /**
     * Whether the list's total depends only on ideas, boards and search documents, whose changes move the list version
     * (V10, V15); totals filtered by votes or tags are not covered by it.
     */
    boolean totalFollowsListVersion() {
        return votedBy == null && tag == null && tagId == null;
    }

    IdeaQuery withoutText() {
        return new IdeaQuery(sort, category, status, "", author, votedBy, statusLabel, tag, language, tagId);
    }

    /** The same query with the id of its tag, as looked up by the finder. */
    IdeaQuery withTagId(UUID id) {
        return new IdeaQuery(sort, category, status, text, author, votedBy, statusLabel, tag, language, id);
    }

    List<Object> parameters() {
        var parameters = new ArrayList<Object>();
        if (category != null) {
            parameters.add(category);
        }
        if (status != null) {
            parameters.add(status.name());
        }
        if (statusLabel != null) {
            parameters.add(statusLabel);
        }
        if (!text.isBlank()) {
            parameters.add(text.strip());
            parameters.add(text.strip());
        }
        if (author != null) {
            parameters.add(author);
        }
        if (votedBy != null) {
            parameters.add(votedBy);
        }
        if (tagId != null) {
            parameters.add(tagId);
        }
        if (language != null) {
            parameters.add(language);
        }
        return parameters;
    }
}
