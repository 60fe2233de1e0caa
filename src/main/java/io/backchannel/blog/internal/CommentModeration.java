package io.backchannel.blog.internal;

import io.backchannel.blog.CommentPosted;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.system.NotFoundException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff review of blog comments: those waiting on pre-moderated categories and those the spam heuristics held back.
 * A comment that becomes public here raises {@link CommentPosted}, as one published at once does. The layout shows
 * the open count as {@code @blogCommentModeration.openCount()}.
 */
@Service("blogCommentModeration")
@Transactional
public class CommentModeration {

    static final int QUEUE = 100;

    private static final List<String> IN_REVIEW = List.of(CommentStore.PENDING, CommentStore.SPAM);

    private final CommentStore comments;
    private final CommentablePosts posts;
    private final IdentityManagement identity;
    private final ApplicationEventPublisher events;

    CommentModeration(
            CommentStore comments,
            CommentablePosts posts,
            IdentityManagement identity,
            ApplicationEventPublisher events) {
        this.comments = comments;
        this.posts = posts;
        this.identity = identity;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public int openCount() {
        return comments.count(IN_REVIEW);
    }

    @Transactional(readOnly = true)
    public Queue queue() {
        var pending = comments.review(CommentStore.PENDING, QUEUE);
        var spam = comments.review(CommentStore.SPAM, QUEUE);
        Set<UUID> people = new HashSet<>();
        pending.forEach(row -> addAuthor(people, row));
        spam.forEach(row -> addAuthor(people, row));
        Map<UUID, String> names = identity.displayNames(people);
        return new Queue(
                pending.stream().map(row -> view(row, names)).toList(),
                spam.stream().map(row -> view(row, names)).toList());
    }

    public void approve(UUID id) {
        publish(stored(id), IN_REVIEW);
    }

    public void reject(UUID id) {
        requireMoved(id, IN_REVIEW, CommentStore.REJECTED);
    }

    public void markSpam(UUID id) {
        requireMoved(id, List.of(CommentStore.PENDING), CommentStore.SPAM);
    }

    /** Lets a comment the heuristics held back go the way any comment goes: to moderation, or public at once. */
    public void notSpam(UUID id) {
        var comment = stored(id);
        boolean preModerated = posts.byId(comment.postId())
                .map(CommentablePosts.Post::preModerated)
                .orElse(true);
        if (preModerated) {
            requireMoved(id, List.of(CommentStore.SPAM), CommentStore.PENDING);
        } else {
            publish(comment, List.of(CommentStore.SPAM));
        }
    }

    /** Takes a public comment down (on post-moderated categories comments go public first); returns its post. */
    public UUID remove(UUID id) {
        var comment = stored(id);
        requireMoved(id, List.of(CommentStore.PUBLISHED), CommentStore.REJECTED);
        return comment.postId();
    }

    /** The post a comment belongs to, to return to it after a staff action. */
    @Transactional(readOnly = true)
    public UUID postOf(UUID id) {
        return stored(id).postId();
    }

    private void publish(CommentStore.Stored comment, List<String> from) {
        if (!comments.move(comment.id(), from, CommentStore.PUBLISHED)) {
            throw new NotFoundException("blog comment in review " + comment.id());
        }
        events.publishEvent(new CommentPosted(
                comment.id(),
                comment.postId(),
                comment.parentId(),
                comment.authorId(),
                comment.staff(),
                Instant.now()));
    }

    private void requireMoved(UUID id, List<String> from, String to) {
        if (!comments.move(id, from, to)) {
            throw new NotFoundException("blog comment " + id + " in " + from);
        }
    }

    private CommentStore.Stored stored(UUID id) {
        return comments.find(id).orElseThrow(() -> new NotFoundException("blog comment " + id));
    }

    private static void addAuthor(Set<UUID> people, CommentStore.Review row) {
        if (row.authorId() != null) {
            people.add(row.authorId());
        }
    }

    private static ReviewView view(CommentStore.Review row, Map<UUID, String> names) {
        @Nullable UUID author = row.authorId();
        return new ReviewView(
                row.id(),
                author == null ? String.valueOf(row.guestName()) : names.getOrDefault(author, ""),
                author == null ? String.valueOf(row.guestEmail()) : "",
                author == null,
                row.bodyHtml(),
                row.spamReason(),
                row.createdAt(),
                row.postTitle(),
                row.language(),
                row.slug());
    }

    public record Queue(List<ReviewView> pending, List<ReviewView> spam) {}

    public record ReviewView(
            UUID id,
            String author,
            String guestEmail,
            boolean guest,
            String bodyHtml,
            String spamReason,
            Instant createdAt,
            String postTitle,
            String language,
            String slug) {}
}
