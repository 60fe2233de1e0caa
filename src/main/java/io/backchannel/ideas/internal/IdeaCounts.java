package io.backchannel.ideas.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The totals of the idea lists, remembered until the list version (V10) changes. Counting every matching idea costs
 * a scan of all of them on each page view; the version changes only when ideas are posted, answered, moved or
 * removed, not when they are voted on. Searches are remembered too (at most {@link #MAX_ENTRIES} lists, forgotten
 * all at once when full): counting the thousands of ideas a common word matches was half of what a search cost.
 * Queries filtered by votes or tags are always counted: their results depend on more than what moves the version.
 */
@Component
class IdeaCounts {

    static final int MAX_ENTRIES = 1_000;

    private final JdbcClient jdbc;
    private final Ideas ideas;
    private final Map<Key, Total> totals = new ConcurrentHashMap<>();

    IdeaCounts(JdbcClient jdbc, Ideas ideas) {
        this.jdbc = jdbc;
        this.ideas = ideas;
    }

    /** Must run in a transaction: the version is read before the count, so a total is never newer than its version. */
    long count(IdeaQuery query) {
        if (!query.totalFollowsListVersion()) {
            return ideas.count(query);
        }
        String where = query.where();
        long version = jdbc.sql("select version from ideas_list_version")
                .query(Long.class)
                .single();
        var key = new Key(where, query.parameters());
        Total cached = totals.get(key);
        if (cached != null && cached.version() == version) {
            return cached.count();
        }
        long count = ideas.count(query);
        if (totals.size() >= MAX_ENTRIES) {
            totals.clear();
        }
        totals.put(key, new Total(version, count));
        return count;
    }

    private record Key(String where, List<Object> parameters) {}

    private record Total(long version, long count) {}
}
