package io.backchannel.blog.internal;

import io.backchannel.identity.IdentityManagement;
import io.backchannel.system.ListPage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public side of the blog: posts that are published, or scheduled for a time that has come (the scheduler may not
 * have marked them yet). A story is an original with its translations; lists show one entry per story, in the reader's
 * language when there is a translation in it.
 */
@Component
@Transactional(readOnly = true)
public class BlogReader {

    static final int FEED_SIZE = 50;

    /**
     * A post is public once published, or once its scheduled time has come even before the scheduler marks it
     * (which runs every {@code backchannel.blog.publish-interval}).
     */
    static final String VISIBLE_AT = "(p.state = 'PUBLISHED' or (p.state = 'SCHEDULED' and p.publish_at <= %s))";

    private static final String VISIBLE = VISIBLE_AT.formatted(":now");

    private static final String COLUMNS =
            """
            p.id, coalesce(p.translation_of, p.id) as story, p.translation_of is null as original, p.language,
            p.slug, p.title, p.summary, c.slug as category, p.author_id,
            coalesce(p.publish_at, p.created_at) as published, greatest(p.updated_at, p.publish_at) as updated,
            coalesce(array_length(regexp_split_to_array(btrim(p.body_markdown), '\\s+'), 1), 0) as words,
            length(p.body_markdown) as characters,
            (select count(*) from blog_comment bc where bc.post_id = p.id and bc.state = 'PUBLISHED') as comments
            """;

    private final JdbcClient jdbc;
    private final IdentityManagement identity;

    BlogReader(JdbcClient jdbc, IdentityManagement identity) {
        this.jdbc = jdbc;
        this.identity = identity;
    }

    /** The category slugs in their order; their names are the messages {@code blog.category.<slug>}. */
    public List<String> categories() {
        return jdbc.sql("select slug from blog_category order by position, slug")
                .query(String.class)
                .list();
    }

    /** One page of stories, newest first, each in {@code readerLanguage} when a matching translation exists. */
    public ListPage<StoryEntry> stories(StoryFilter filter, String readerLanguage, int page, int size, Instant now) {
        Map<String, Object> params = new HashMap<>();
        String candidates = "select p.id, coalesce(p.translation_of, p.id) as story, p.language, p.translation_of,"
                + " coalesce(p.publish_at, p.created_at) as published"
                + " from blog_post p join blog_category c on c.id = p.category_id where "
                + filter.where(params);
        params.put("now", time(now));
        long total = jdbc.sql("select count(distinct story) from (" + candidates + ") candidates")
                .params(params)
                .query(Long.class)
                .single();
        params.put("reader", readerLanguage);
        params.put("limit", size);
        params.put("offset", ListPage.offset(page, size));
        List<UUID> ids = jdbc.sql("with candidates as (" + candidates + "), chosen as ("
                        + " select distinct on (story) id, min(published) over (partition by story) as first_published"
                        + " from candidates"
                        + " order by story, (language = :reader) desc, (translation_of is null) desc, published)"
                        + " select id from chosen order by first_published desc, id limit :limit offset :offset")
                .params(params)
                .query(UUID.class)
                .list();
        if (ids.isEmpty()) {
            return new ListPage<>(List.of(), page, size, total);
        }
        Map<UUID, Row> rows =
                rows("p.id in (:ids)", Map.of("ids", ids), now).stream().collect(Collectors.toMap(Row::id, row -> row));
        var tags = tags(ids);
        var stories = languagesOf(rows.values().stream().map(Row::story).collect(Collectors.toSet()), now);
        var authors = authors(rows.values());
        var entries = ids.stream()
                .map(rows::get)
                .map(row -> new StoryEntry(
                        row.id(),
                        row.language(),
                        row.slug(),
                        row.title(),
                        row.summary(),
                        row.category(),
                        authors.getOrDefault(row.authorId(), ""),
                        row.published(),
                        row.readingMinutes(),
                        row.comments(),
                        tags.getOrDefault(row.id(), List.of()),
                        stories.getOrDefault(row.story(), List.of()).stream()
                                .filter(link -> !link.language().equals(row.language()))
                                .toList()))
                .toList();
        return new ListPage<>(entries, page, size, total);
    }

    /** A post that the public may read, with the translations of its story (itself included). */
    public Optional<Post> post(String language, String slug, Instant now) {
        var found = rows("p.language = :language and p.slug = :slug", Map.of("language", language, "slug", slug), now);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Row row = found.getFirst();
        String body = jdbc.sql("select body_html from blog_post where id = ?")
                .param(row.id())
                .query(String.class)
                .single();
        return Optional.of(new Post(
                row.id(),
                row.language(),
                row.slug(),
                row.title(),
                row.summary(),
                body,
                row.category(),
                authors(found).getOrDefault(row.authorId(), ""),
                row.published(),
                row.updated(),
                row.readingMinutes(),
                row.comments(),
                tags(List.of(row.id())).getOrDefault(row.id(), List.of()),
                languagesOf(Set.of(row.story()), now).getOrDefault(row.story(), List.of())));
    }

    /** The newest posts for a feed: every language (each post on its own), or one; every category, or one. */
    public List<FeedPost> feed(@Nullable String category, @Nullable String language, Instant now) {
        Map<String, Object> params = new HashMap<>();
        String where = new StoryFilter(category, null, language, null).where(params);
        params.put("now", time(now));
        return jdbc.sql("select p.id, p.language, p.slug, p.title, p.summary, p.body_html, c.slug as category,"
                        + " p.author_id, coalesce(p.publish_at, p.created_at) as published,"
                        + " greatest(p.updated_at, p.publish_at) as updated"
                        + " from blog_post p join blog_category c on c.id = p.category_id where " + where
                        + " order by published desc, p.id limit " + FEED_SIZE)
                .params(params)
                .query((rs, n) -> new FeedPost(
                        rs.getObject("id", UUID.class),
                        rs.getString("language"),
                        rs.getString("slug"),
                        rs.getString("title"),
                        rs.getString("summary"),
                        rs.getString("body_html"),
                        rs.getString("category"),
                        rs.getObject("author_id", UUID.class),
                        instant(rs, "published"),
                        instant(rs, "updated")))
                .list();
    }

    /** Display names of authors, for feeds. */
    public Map<UUID, String> authorNames(List<FeedPost> posts) {
        return identity.displayNames(posts.stream().map(FeedPost::authorId).collect(Collectors.toSet()));
    }

    /** Every public post for the sitemap, grouped by story, newest story first; in a story the original first. */
    public List<List<SitemapPost>> sitemap(Instant now) {
        Map<UUID, List<SitemapPost>> stories = new LinkedHashMap<>();
        jdbc.sql("select coalesce(p.translation_of, p.id) as story, p.language, p.slug,"
                        + " greatest(p.updated_at, p.publish_at) as updated, p.translation_of is null as original"
                        + " from blog_post p where " + VISIBLE
                        + " order by min(coalesce(p.publish_at, p.created_at)) over (partition by"
                        + " coalesce(p.translation_of, p.id)) desc, story, original desc, p.language")
                .param("now", time(now))
                .query((rs, n) -> new SitemapPost(
                        rs.getObject("story", UUID.class),
                        rs.getString("language"),
                        rs.getString("slug"),
                        instant(rs, "updated"),
                        rs.getBoolean("original")))
                .list()
                .forEach(post -> stories.computeIfAbsent(post.story(), story -> new ArrayList<>())
                        .add(post));
        return List.copyOf(stories.values());
    }

    private List<Row> rows(String where, Map<String, Object> params, Instant now) {
        return jdbc.sql("select " + COLUMNS + " from blog_post p join blog_category c on c.id = p.category_id where "
                        + VISIBLE + " and " + where)
                .params(params)
                .param("now", time(now))
                .query(BlogReader::row)
                .list();
    }

    private Map<UUID, List<String>> tags(List<UUID> posts) {
        Map<UUID, List<String>> tags = new HashMap<>();
        jdbc.sql("select post_id, tag from blog_post_tag where post_id in (:ids) order by tag")
                .param("ids", posts)
                .query((rs, n) -> Map.entry(rs.getObject("post_id", UUID.class), rs.getString("tag")))
                .list()
                .forEach(tag -> tags.computeIfAbsent(tag.getKey(), post -> new ArrayList<>())
                        .add(tag.getValue()));
        return tags;
    }

    /** The public posts of each story, original first, then by language. */
    private Map<UUID, List<PostLink>> languagesOf(Set<UUID> stories, Instant now) {
        Map<UUID, List<PostLink>> links = new HashMap<>();
        jdbc.sql("select coalesce(p.translation_of, p.id) as story, p.language, p.slug, p.title,"
                        + " p.translation_of is null as original from blog_post p where " + VISIBLE
                        + " and (p.id in (:stories) or p.translation_of in (:stories))"
                        + " order by original desc, p.language")
                .param("stories", stories)
                .param("now", time(now))
                .query((rs, n) -> Map.entry(
                        rs.getObject("story", UUID.class),
                        new PostLink(
                                rs.getString("language"),
                                rs.getString("slug"),
                                rs.getString("title"),
                                rs.getBoolean("original"))))
                .list()
                .forEach(link -> links.computeIfAbsent(link.getKey(), story -> new ArrayList<>())
                        .add(link.getValue()));
        return links;
    }

    private Map<UUID, String> authors(java.util.Collection<Row> rows) {
        return identity.displayNames(rows.stream().map(Row::authorId).collect(Collectors.toSet()));
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getObject("story", UUID.class),
                rs.getString("language"),
                rs.getString("slug"),
                rs.getString("title"),
                rs.getString("summary"),
                rs.getString("category"),
                rs.getObject("author_id", UUID.class),
                instant(rs, "published"),
                instant(rs, "updated"),
                ReadingTime.minutes(rs.getString("language"), rs.getInt("words"), rs.getInt("characters")),
                rs.getInt("comments"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** What the lists filter on; null or blank means "any". */
    public record StoryFilter(
            @Nullable String category, @Nullable String tag, @Nullable String language, @Nullable String search) {

        String where(Map<String, Object> params) {
            var where = new StringBuilder(VISIBLE);
            if (category != null && !category.isBlank()) {
                where.append(" and c.slug = :category");
                params.put("category", category);
            }
            if (language != null && !language.isBlank()) {
                where.append(" and p.language = :language");
                params.put("language", language);
            }
            if (tag != null && !tag.isBlank()) {
                where.append(" and exists (select 1 from blog_post_tag t where t.post_id = p.id and t.tag = :tag)");
                params.put("tag", tag);
            }
            if (search != null && !search.isBlank()) {
                where.append(" and p.search @@ websearch_to_tsquery(blog_search_config(p.language), :search)");
                params.put("search", search);
            }
            return where.toString();
        }
    }

    private record Row(
            UUID id,
            UUID story,
            String language,
            String slug,
            String title,
            String summary,
            String category,
            UUID authorId,
            Instant published,
            Instant updated,
            int readingMinutes,
            int comments) {}

    /** One of the posts of a story, for language switches and hreflang links. */
    public record PostLink(String language, String slug, String title, boolean original) {}

    public record StoryEntry(
            UUID id,
            String language,
            String slug,
            String title,
            String summary,
            String category,
            String author,
            Instant published,
            int readingMinutes,
            int comments,
            List<String> tags,
            List<PostLink> otherLanguages) {}

    public record Post(
            UUID id,
            String language,
            String slug,
            String title,
            String summary,
            String bodyHtml,
            String category,
            String author,
            Instant published,
            Instant updated,
            int readingMinutes,
            int comments,
            List<String> tags,
            List<PostLink> translations) {

        /** The story's original, which {@code x-default} points to. */
        public PostLink original() {
            return translations.stream()
                    .filter(PostLink::original)
                    .findFirst()
                    .orElse(new PostLink(language, slug, title, true));
        }
    }

    public record FeedPost(
            UUID id,
            String language,
            String slug,
            String title,
            String summary,
            String bodyHtml,
            String category,
            UUID authorId,
            Instant published,
            Instant updated) {}

    public record SitemapPost(UUID story, String language, String slug, Instant updated, boolean original) {}
}
