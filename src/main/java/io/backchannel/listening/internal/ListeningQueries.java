package io.backchannel.listening.internal;

import io.backchannel.channels.PostCaptured;
import io.backchannel.system.NotFoundException;
import io.backchannel.system.SqlText;
import io.backchannel.text.ListeningQuery;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff's listening queries: kept with an optimistic version (two admins editing the same query do not overwrite each
 * other unknowingly), matched against every post a connector hears that does not join a conversation already, and
 * their hits recorded for the dashboard's share of voice.
 *
 * <p>What is captured: posts from direct channels (webhook, manual entry) always open a conversation, as they were
 * addressed to the company. A broad channel (feeds, Bluesky, Mastodon and the other platforms' search) is filtered as
 * soon as any active query names it: then only a post matching an active BRAND query opens a conversation. On any
 * broad channel, a post matching only COMPETITOR queries is counted for share of voice but opens none (it talks about
 * a competitor, not to us). A broad channel no query names opens conversations for all else it hears, as before
 * queries existed (its connector's own filters still apply). Replies within a thread always join it.
 */
@Service
@Transactional
public class ListeningQueries {

    /** Channels whose posts were addressed to the company, so never filtered by queries. */
    static final Set<String> DIRECT_CHANNELS = Set.of("webhook", "manual");

    static final int RECENT_POSTS = 500;
    static final int TEST_MATCHES = 20;
    private static final Duration CACHE = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private volatile @Nullable Active active;

    ListeningQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<SavedQuery> list(String search) {
        return jdbc.sql(
                        """
                        select * from listening_query
                        where ? = '' or name ilike ? or expression ilike ?
                        order by active desc, lower(name)
                        """)
                .params(search.strip(), like(search), like(search))
                .query(ListeningQueries::query)
                .list();
    }

    @Transactional(readOnly = true)
    public SavedQuery get(UUID id) {
        return jdbc.sql("select * from listening_query where id = ?")
                .param(id)
                .query(ListeningQueries::query)
                .optional()
                .orElseThrow(() -> new NotFoundException("listening query " + id));
    }

    /** Stores a new query; the expression must parse (the form checks it first). */
    public UUID create(Draft draft) {
        valid(draft);
        try {
            UUID id = jdbc.sql(
                            """
                            insert into listening_query (name, expression, kind, languages, channels, authors_include,
                                authors_exclude)
                            values (?, ?, ?, ?::text[], ?::text[], ?::text[], ?::text[]) returning id
                            """)
                    .params(draftParams(draft).toArray())
                    .query(UUID.class)
                    .single();
            active = null;
            return id;
        } catch (DuplicateKeyException e) {
            throw new DuplicateName();
        }
    }

    /** Saves changes made to the given version; another admin's save in between makes this one stale. */
    public void update(UUID id, int version, Draft draft) {
        valid(draft);
        var params = draftParams(draft);
        params.add(id);
        params.add(version);
        try {
            int changed = jdbc.sql(
                            """
                            update listening_query set name = ?, expression = ?, kind = ?, languages = ?::text[],
                                channels = ?::text[], authors_include = ?::text[], authors_exclude = ?::text[],
                                version = version + 1, updated_at = now()
                            where id = ? and version = ?
                            """)
                    .params(params.toArray())
                    .update();
            stale(id, changed);
            active = null;
        } catch (DuplicateKeyException e) {
            throw new DuplicateName();
        }
    }

    /** Switches the query on or off (queries are kept, as their hits refer to them). */
    public void setActive(UUID id, int version, boolean on) {
        int changed = jdbc.sql(
                        """
                        update listening_query set active = ?, version = version + 1, updated_at = now()
                        where id = ? and version = ?
                        """)
                .params(on, id, version)
                .update();
        stale(id, changed);
        active = null;
    }

    /** Recent inbound posts of the inbox that the expression matches, newest first, for the "test this query" box. */
    @Transactional(readOnly = true)
    public List<TestMatch> test(ListeningQuery query) {
        var matches = new ArrayList<TestMatch>();
        jdbc
                .sql(
                        """
                        select m.conversation_id, m.author_handle, m.text, m.posted_at, c.channel
                        from listening_message m join listening_conversation c on c.id = m.conversation_id
                        where m.kind = 'INBOUND' order by m.created_at desc limit ?
                        """)
                .param(RECENT_POSTS)
                .query((rs, row) -> new TestMatch(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getString(5)))
                .stream()
                .filter(post -> query.matches(post.text()))
                .limit(TEST_MATCHES)
                .forEach(matches::add);
        return matches;
    }

    /** The active queries a post matches, and whether it may open a conversation. */
    @Transactional(readOnly = true)
    public Verdict judge(String channel, String language, String authorHandle, String text) {
        var known = active();
        var folded = ListeningQuery.Text.of(text);
        var matched = new ArrayList<SavedQuery>();
        boolean filtered = false;
        for (var query : known.queries()) {
            filtered |= query.query().channels().contains(channel);
            if (query.query().appliesTo(channel, language, authorHandle)
                    && query.compiled().matches(folded)) {
                matched.add(query.query());
            }
        }
        boolean brand = matched.stream().anyMatch(query -> query.kind() == QueryKind.BRAND);
        boolean opens = DIRECT_CHANNELS.contains(channel) || brand || !filtered && matched.isEmpty();
        return new Verdict(List.copyOf(matched), opens);
    }

    /** Records the post's hits, with the conversation it opened if any. */
    /** Every match of the post, with the conversation it opened (none when the queries kept it out). */
    void recordHits(Verdict verdict, PostCaptured post, Enrichment.Result analysis, @Nullable UUID conversationId) {
        for (var query : verdict.matched()) {
            jdbc.sql(
                            """
                            insert into listening_query_hit (query_id, kind, post_id, conversation_id, channel, language,
                                sentiment, at)
                            values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing
                            """)
                    .params(
                            query.id(),
                            query.kind().name(),
                            post.postId(),
                            conversationId,
                            post.channel(),
                            analysis.language(),
                            analysis.sentiment().name(),
                            ConversationRows.timestamp(post.capturedAt()))
                    .update();
        }
    }

    private Active active() {
        var known = active;
        if (known == null || known.loadedAt().plus(CACHE).isBefore(Instant.now())) {
            var queries = new ArrayList<Compiled>();
            for (var query : jdbc.sql("select * from listening_query where active")
                    .query(ListeningQueries::query)
                    .list()) {
                query.compiled().ifPresent(compiled -> queries.add(new Compiled(query, compiled)));
            }
            known = new Active(List.copyOf(queries), Instant.now());
            active = known;
        }
        return known;
    }

    private static void valid(Draft draft) {
        if (ListeningQuery.parse(draft.expression()).valid().isEmpty()) {
            throw new IllegalArgumentException("Unparsable listening query");
        }
    }

    private void stale(UUID id, int changed) {
        if (changed == 0) {
            get(id);
            throw new StaleVersion();
        }
    }

    private static List<Object> draftParams(Draft draft) {
        return new ArrayList<>(List.of(
                draft.name().strip(),
                draft.expression().strip(),
                draft.kind().name(),
                array(draft.languages()),
                array(draft.channels()),
                array(draft.authorsInclude().stream().map(SavedQuery::handle).toList()),
                array(draft.authorsExclude().stream().map(SavedQuery::handle).toList())));
    }

    /** A Postgres array literal; each element quoted, so commas and quotes inside cannot split or break it. */
    static String array(List<String> values) {
        var out = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"')
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return out.append('}').toString();
    }

    private static String like(String search) {
        return SqlText.containing(search);
    }

    private static SavedQuery query(ResultSet rs, int row) throws SQLException {
        return new SavedQuery(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("expression"),
                QueryKind.valueOf(rs.getString("kind")),
                strings(rs.getArray("languages")),
                strings(rs.getArray("channels")),
                strings(rs.getArray("authors_include")),
                strings(rs.getArray("authors_exclude")),
                rs.getBoolean("active"),
                rs.getInt("version"),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    /** What a query is made of, as the form gives it (lists already split and trimmed). */
    public record Draft(
            String name,
            String expression,
            QueryKind kind,
            List<String> languages,
            List<String> channels,
            List<String> authorsInclude,
            List<String> authorsExclude) {}

    /** The queries a post matched, and whether it may open a conversation. */
    public record Verdict(List<SavedQuery> matched, boolean opens) {

        /** The names of the BRAND queries it matched, as topics of its conversation. */
        List<String> brandTopics() {
            return matched.stream()
                    .filter(query -> query.kind() == QueryKind.BRAND)
                    .map(query -> query.name().toLowerCase(Locale.ROOT))
                    .toList();
        }
    }

    public record TestMatch(UUID conversationId, String authorHandle, String text, Instant postedAt, String channel) {}

    private record Compiled(SavedQuery query, ListeningQuery compiled) {}

    private record Active(List<Compiled> queries, Instant loadedAt) {}

    /** Another admin saved the query since this one was loaded. */
    public static final class StaleVersion extends RuntimeException {
        StaleVersion() {
            super("The listening query was changed meanwhile", null, false, false);
        }
    }

    public static final class DuplicateName extends RuntimeException {
        DuplicateName() {
            super("A listening query of that name exists", null, false, false);
        }
    }
}
