package io.backchannel.blog.internal;

import io.backchannel.system.ListPage;
import io.backchannel.system.SqlText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Posts, their revisions and tags as the staff pages read and write them. */
@Repository
public class BlogPosts {

    /** Posts with their category and, for translations, the original's current revision and number. */
    private static final String POST =
            """
            select p.*, c.slug as category_slug, o.revision as original_revision, o.number as original_number,
                   coalesce((select string_agg(t.tag, ', ' order by t.tag) from blog_post_tag t
                             where t.post_id = p.id), '') as tags
            from blog_post p join blog_category c on c.id = p.category_id
            left join blog_post o on o.id = p.translation_of
            """;

    /** The columns of a list row, read by {@link #row}, and the tables they come from. */
    private static final String ROW =
            """
            select p.number, p.title, p.language, p.slug, c.slug as category_slug, p.state, p.publish_at,
                   p.updated_at, p.translated_from_revision, o.revision as original_revision""";

    private static final String LIST_FROM = " from blog_post p join blog_category c on c.id = p.category_id"
            + " left join blog_post o on o.id = p.translation_of";

    private final JdbcClient jdbc;

    BlogPosts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Post> byNumber(long number) {
        return jdbc.sql(POST + " where p.number = ?")
                .param(number)
                .query(BlogPosts::post)
                .optional();
    }

    public Optional<Post> byId(UUID id) {
        return jdbc.sql(POST + " where p.id = ?")
                .param(id)
                .query(BlogPosts::post)
                .optional();
    }

    /** The post, locked until the transaction ends, so that two saves of it happen one after the other. */
    Optional<Post> lock(long number) {
        return jdbc.sql(POST + " where p.number = ? for update of p")
                .param(number)
                .query(BlogPosts::post)
                .optional();
    }

    /** One page of all posts, the latest change first. */
    public ListPage<Row> page(Filter filter, int page, int size) {
        var where = new ArrayList<String>();
        var params = new java.util.HashMap<String, Object>();
        if (filter.state() != null) {
            where.add("p.state = :state");
            params.put("state", filter.state().name());
        }
        if (filter.language() != null) {
            where.add("p.language = :language");
            params.put("language", filter.language());
        }
        if (filter.category() != null) {
            where.add("c.slug = :category");
            params.put("category", filter.category());
        }
        if (!filter.text().isBlank()) {
            where.add("p.title ilike :text");
            params.put("text", SqlText.containing(filter.text()));
        }
        String from = LIST_FROM + (where.isEmpty() ? "" : " where " + String.join(" and ", where));
        long total = jdbc.sql("select count(*)" + from)
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", size);
        params.put("offset", ListPage.offset(page, size));
        var rows = jdbc.sql(ROW + from + " order by p.updated_at desc, p.id limit :limit offset :offset")
                .params(params)
                .query(BlogPosts::row)
                .list();
        return new ListPage<>(rows, Math.max(page, 1), size, total);
    }

    public List<Category> categories() {
        return jdbc.sql("select id, slug from blog_category order by position, slug")
                .query((rs, row) -> new Category(rs.getObject("id", UUID.class), rs.getString("slug")))
                .list();
    }

    Optional<UUID> categoryId(String slug) {
        return jdbc.sql("select id from blog_category where slug = ?")
                .param(slug)
                .query(UUID.class)
                .optional();
    }

    boolean slugTaken(String language, String slug, @Nullable UUID except) {
        return jdbc.sql(
                        "select exists (select 1 from blog_post where language = ? and slug = ? and id is distinct from ?)")
                .params(language, slug, except)
                .query(Boolean.class)
                .single();
    }

    UUID insert(
            Content content,
            String html,
            UUID categoryId,
            UUID authorId,
            State state,
            @Nullable Instant publishAt,
            @Nullable UUID translationOf,
            @Nullable Integer translatedFromRevision) {
        return jdbc.sql(
                        """
                        insert into blog_post (language, slug, title, summary, body_markdown, body_html, category_id,
                                               author_id, updated_by, state, publish_at, translation_of,
                                               translated_from_revision)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        content.language(),
                        content.slug(),
                        content.title(),
                        content.summary(),
                        content.body(),
                        html,
                        categoryId,
                        authorId,
                        authorId,
                        state.name(),
                        timestamp(publishAt),
                        translationOf,
                        translatedFromRevision)
                .query(UUID.class)
                .single();
    }

    /** Saves the post if nobody else did since {@code version}; false when someone did. */
    boolean update(
            UUID id,
            int version,
            Content content,
            String html,
            UUID categoryId,
            State state,
            @Nullable Instant publishAt,
            int revision,
            @Nullable Integer translatedFromRevision,
            UUID editor) {
        return jdbc.sql(
                                """
                        update blog_post set language = ?, slug = ?, title = ?, summary = ?, body_markdown = ?,
                               body_html = ?, category_id = ?, state = ?, publish_at = ?, revision = ?,
                               translated_from_revision = ?, updated_by = ?, version = version + 1, updated_at = now()
                        where id = ? and version = ?""")
                        .params(
                                content.language(),
                                content.slug(),
                                content.title(),
                                content.summary(),
                                content.body(),
                                html,
                                categoryId,
                                state.name(),
                                timestamp(publishAt),
                                revision,
                                translatedFromRevision,
                                editor,
                                id,
                                version)
                        .update()
                == 1;
    }

    void replaceTags(UUID postId, List<String> tags) {
        jdbc.sql("delete from blog_post_tag where post_id = ?").param(postId).update();
        for (String tag : tags) {
            jdbc.sql("insert into blog_post_tag (post_id, tag) values (?, ?)")
                    .params(postId, tag)
                    .update();
        }
    }

    void addRevision(UUID postId, int revision, Content content, UUID editor) {
        jdbc.sql(
                        """
                        insert into blog_revision (post_id, revision, title, summary, body_markdown, edited_by)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(postId, revision, content.title(), content.summary(), content.body(), editor)
                .update();
    }

    /** The post's revisions, the newest first. */
    public List<Revision> revisions(UUID postId) {
        return jdbc.sql("select * from blog_revision where post_id = ? order by revision desc")
                .param(postId)
                .query(BlogPosts::revision)
                .list();
    }

    public Optional<Revision> revision(UUID postId, int revision) {
        return jdbc.sql("select * from blog_revision where post_id = ? and revision = ?")
                .params(postId, revision)
                .query(BlogPosts::revision)
                .optional();
    }

    /** The post's translations, by language. */
    public List<Row> translations(UUID originalId) {
        return jdbc.sql(ROW + LIST_FROM + " where p.translation_of = ? order by p.language")
                .param(originalId)
                .query(BlogPosts::row)
                .list();
    }

    /** Scheduled posts whose time has come, locked; posts another node is publishing are skipped. */
    List<UUID> lockDue(Instant now) {
        return jdbc.sql(
                        """
                        select id from blog_post where state = 'SCHEDULED' and publish_at <= ?
                        order by publish_at, id for update skip locked""")
                .param(Timestamp.from(now))
                .query(UUID.class)
                .list();
    }

    void markPublished(UUID id, Instant at) {
        jdbc.sql("update blog_post set state = 'PUBLISHED', publish_at = ?, version = version + 1 where id = ?")
                .params(Timestamp.from(at), id)
                .update();
    }

    private static boolean needsUpdate(ResultSet rs) throws SQLException {
        int from = rs.getInt("translated_from_revision");
        boolean translated = !rs.wasNull();
        int original = rs.getInt("original_revision");
        return translated && !rs.wasNull() && original > from;
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Row row(ResultSet rs, int row) throws SQLException {
        return new Row(
                rs.getLong("number"),
                rs.getString("title"),
                rs.getString("language"),
                rs.getString("slug"),
                rs.getString("category_slug"),
                State.valueOf(rs.getString("state")),
                instant(rs, "publish_at"),
                instant(rs, "updated_at"),
                needsUpdate(rs));
    }

    private static Post post(ResultSet rs, int row) throws SQLException {
        return new Post(
                rs.getObject("id", UUID.class),
                rs.getLong("number"),
                new Content(
                        rs.getString("language"),
                        rs.getString("slug"),
                        rs.getString("title"),
                        rs.getString("summary"),
                        rs.getString("body_markdown")),
                rs.getString("body_html"),
                rs.getString("category_slug"),
                rs.getString("tags"),
                rs.getObject("author_id", UUID.class),
                rs.getObject("updated_by", UUID.class),
                rs.getObject("translation_of", UUID.class),
                (Long) rs.getObject("original_number"),
                (Integer) rs.getObject("translated_from_revision"),
                (Integer) rs.getObject("original_revision"),
                State.valueOf(rs.getString("state")),
                instant(rs, "publish_at"),
                rs.getInt("revision"),
                rs.getInt("version"),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static Revision revision(ResultSet rs, int row) throws SQLException {
        return new Revision(
                rs.getInt("revision"),
                rs.getString("title"),
                rs.getString("summary"),
                rs.getString("body_markdown"),
                rs.getObject("edited_by", UUID.class),
                rs.getTimestamp("edited_at").toInstant());
    }

    public enum State {
        DRAFT,
        SCHEDULED,
        PUBLISHED
    }

    /** What the author writes; the language and slug make the post's address. */
    public record Content(String language, String slug, String title, String summary, String body) {}

    public record Post(
            UUID id,
            long number,
            Content content,
            String bodyHtml,
            String categorySlug,
            String tags,
            UUID authorId,
            @Nullable UUID updatedBy,
            @Nullable UUID translationOf,
            @Nullable Long originalNumber,
            @Nullable Integer translatedFromRevision,
            @Nullable Integer originalRevision,
            State state,
            @Nullable Instant publishAt,
            int revision,
            int version,
            Instant updatedAt) {

        /** A translation whose original has changed since it was translated. */
        public boolean needsUpdate() {
            return translatedFromRevision != null
                    && originalRevision != null
                    && originalRevision > translatedFromRevision;
        }

        public boolean translation() {
            return translationOf != null;
        }

        public boolean draft() {
            return state == State.DRAFT;
        }

        public boolean published() {
            return state == State.PUBLISHED;
        }
    }

    /** A line of the staff's post list. */
    public record Row(
            long number,
            String title,
            String language,
            String slug,
            String categorySlug,
            State state,
            @Nullable Instant publishAt,
            @Nullable Instant updatedAt,
            boolean needsUpdate) {}

    public record Filter(@Nullable State state, @Nullable String language, @Nullable String category, String text) {}

    public record Category(UUID id, String slug) {}

    public record Revision(int revision, String title, String summary, String body, UUID editedBy, Instant editedAt) {}
}
