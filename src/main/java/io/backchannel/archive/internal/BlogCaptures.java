package io.backchannel.archive.internal;

import io.backchannel.archive.CaptureKind;
import io.backchannel.blog.BlogCommentText;
import io.backchannel.blog.BlogTexts;
import io.backchannel.blog.CommentPosted;
import io.backchannel.blog.IncidentUpdateText;
import io.backchannel.blog.IncidentUpdated;
import io.backchannel.blog.PostPublished;
import io.backchannel.blog.PostText;
import io.backchannel.blog.PostUpdated;
import java.time.Instant;
import java.util.Objects;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps what the company said on its blog: every post and translation as published and each edit as a new version,
 * public comments, and every incident update in each of its languages. A post taken back to a draft has left its
 * public page, so it is marked deleted at source, never removed. The listeners run outside a transaction for the
 * reason {@link IdeasCaptures} gives.
 */
@Component
class BlogCaptures {

    static final String PLATFORM = "backchannel-blog";
    private static final SaidHere.Where WHERE = new SaidHere.Where(PLATFORM, "blog", "blog module events");

    private final Archive archive;
    private final BlogTexts blog;
    private final SaidHere said;

    BlogCaptures(Archive archive, BlogTexts blog, SaidHere said) {
        this.archive = archive;
        this.blog = blog;
        this.said = said;
    }

    @Async
    @TransactionalEventListener
    void on(PostPublished published) {
        blog.post(published.postId()).ifPresent(this::capture);
    }

    @Async
    @TransactionalEventListener
    void on(PostUpdated updated) {
        blog.post(updated.postId()).ifPresent(this::capture);
    }

    @Async
    @TransactionalEventListener
    void on(CommentPosted posted) {
        blog.comment(posted.commentId()).filter(BlogCommentText::published).ifPresent(this::capture);
    }

    @Async
    @TransactionalEventListener
    void on(IncidentUpdated updated) {
        blog.incidentUpdate(updated.updateId()).forEach(this::capture);
    }

    private void capture(PostText post) {
        String sourceId = "post-" + post.id();
        if (!post.published()) {
            archive.markDeletedAtSource(PLATFORM, sourceId, Instant.now(), WHERE.collectedBy());
            return;
        }
        String text =
                post.title() + (post.summary().isBlank() ? "" : "\n\n" + post.summary()) + "\n\n" + post.markdown();
        archive.capture(said.by(
                WHERE,
                sourceId,
                post.authorId(),
                CaptureKind.OWN_POST,
                post.language(),
                Objects.requireNonNullElseGet(post.publishedAt(), Instant::now),
                "/blog/" + post.language() + "/" + post.slug(),
                text));
    }

    private void capture(BlogCommentText comment) {
        var author = comment.authorId() == null ? comment.authorName() : said.authorName(comment.authorId());
        archive.capture(said.as(
                WHERE,
                "comment-" + comment.id(),
                author,
                SaidHere.commentKind(comment.staff(), comment.parentId()),
                null,
                comment.createdAt(),
                "/blog/" + comment.postLanguage() + "/" + comment.postSlug() + "#comment-" + comment.id(),
                comment.markdown()));
    }

    private void capture(IncidentUpdateText update) {
        String text = "#" + update.incidentNumber() + " " + update.incidentTitle() + " (" + update.status() + ")\n\n"
                + update.markdown();
        archive.capture(said.by(
                WHERE,
                "incident-update-" + update.updateId() + "-" + update.language(),
                update.postedBy(),
                CaptureKind.OWN_POST,
                update.language(),
                update.postedAt(),
                "/blog/incidents/" + update.incidentNumber(),
                text));
    }
}
