package io.backchannel.blog.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The blog's comments in the database. */
@Repository
class CommentStore {

    static final String PENDING = "PENDING";
    static final String PUBLISHED = "PUBLISHED";
    static final String REJECTED = "REJECTED";
    static final String SPAM = "SPAM";

    private final JdbcClient jdbc;

    CommentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID add(New comment) {
        return jdbc.sql(
                        """
                        insert into blog_comment (post_id, parent_id, author_id, guest_name, guest_email, body_markdown,
                            body_html, staff, state, address_hash, spam_reason)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        comment.postId(),
                        comment.parentId(),
                        comment.authorId(),
                        comment.guestName(),
                        comment.guestEmail(),
                        comment.bodyMarkdown(),
                        comment.bodyHtml(),
                        comment.staff(),
                        comment.state(),
                        comment.addressHash(),
                        comment.spamReason())
                .query(UUID.class)
                .single();
    }

    Optional<Stored> find(UUID id) {
        return jdbc.sql(
                        """
                        select id, post_id, parent_id, author_id, guest_name, guest_email, body_markdown, staff, state,
                               created_at
                        from blog_comment where id = ?""")
                .param(id)
                .query(Stored.class)
                .optional();
    }

    /** The post's public comments, oldest first; replies whose thread is not public are left out. */
    List<Row> published(UUID postId) {
        return jdbc.sql(
                        """
                        select c.id, c.parent_id, c.author_id, c.guest_name, c.body_html, c.staff, c.created_at
                        from blog_comment c
                        left join blog_comment p on p.id = c.parent_id
                        where c.post_id = ? and c.state = 'PUBLISHED' and (p.id is null or p.state = 'PUBLISHED')
                        order by c.created_at, c.id""")
                .param(postId)
                .query(Row.class)
                .list();
    }

    /**
     * Whether the same text came recently from the same sender (account, guest address or network), or, when it is
     * long enough not to be a plain "thank you", from anyone.
     */
    boolean repeated(
            String bodyMarkdown,
            @Nullable UUID authorId,
            @Nullable String guestEmail,
            String addressHash,
            int anyoneFromLength,
            Instant since) {
        return jdbc.sql(
                        """
                        select exists(select 1 from blog_comment
                            where created_at > :since and body_markdown = :body
                              and (author_id = :author or lower(guest_email) = lower(cast(:email as text))
                                   or address_hash = :address or length(:body) >= :anyone))""")
                .param("since", java.sql.Timestamp.from(since))
                .param("body", bodyMarkdown)
                .param("author", authorId)
                .param("email", guestEmail)
                .param("address", addressHash)
                .param("anyone", anyoneFromLength)
                .query(Boolean.class)
                .single();
    }

    /** Comments waiting for a moderator, and those the spam heuristics held back, oldest first. */
    List<Review> review(String state, int limit) {
        return jdbc.sql(
                        """
                        select c.id, c.author_id, c.guest_name, c.guest_email, c.body_html, c.staff, c.spam_reason,
                               c.created_at, p.title as post_title, p.language, p.slug
                        from blog_comment c join blog_post p on p.id = c.post_id
                        where c.state = ? order by c.created_at, c.id limit ?""")
                .params(state, limit)
                .query(Review.class)
                .list();
    }

    int count(Collection<String> states) {
        return jdbc.sql("select count(*) from blog_comment where state in (:states)")
                .param("states", states)
                .query(Integer.class)
                .single();
    }

    /** Moves the comment to a new state if it is in one of the given states; false if it was not. */
    boolean move(UUID id, Collection<String> from, String to) {
        return jdbc.sql("update blog_comment set state = :to where id = :id and state in (:from)")
                        .param("to", to)
                        .param("id", id)
                        .param("from", from)
                        .update()
                == 1;
    }

    record New(
            UUID postId,
            @Nullable UUID parentId,
            @Nullable UUID authorId,
            @Nullable String guestName,
            @Nullable String guestEmail,
            String bodyMarkdown,
            String bodyHtml,
            boolean staff,
            String state,
            String addressHash,
            String spamReason) {}

    record Stored(
            UUID id,
            UUID postId,
            @Nullable UUID parentId,
            @Nullable UUID authorId,
            @Nullable String guestName,
            @Nullable String guestEmail,
            String bodyMarkdown,
            boolean staff,
            String state,
            Instant createdAt) {}

    record Row(
            UUID id,
            @Nullable UUID parentId,
            @Nullable UUID authorId,
            @Nullable String guestName,
            String bodyHtml,
            boolean staff,
            Instant createdAt) {}

    record Review(
            UUID id,
            @Nullable UUID authorId,
            @Nullable String guestName,
            @Nullable String guestEmail,
            String bodyHtml,
            boolean staff,
            String spamReason,
            Instant createdAt,
            String postTitle,
            String language,
            String slug) {}
}
