package io.backchannel.archive.internal;

import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureKind;
import io.backchannel.ideas.CommentText;
import io.backchannel.ideas.IdeaCommented;
import io.backchannel.ideas.IdeaStatusChanged;
import io.backchannel.ideas.IdeaSubmitted;
import io.backchannel.ideas.IdeaText;
import io.backchannel.ideas.IdeasManagement;
import io.backchannel.ideas.StatusNote;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.text.Languages;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps what is said on the ideas portal: ideas as submitted, every comment (staff answers are comments with the
 * staff flag, so {@code IdeaAnswered} needs no capture of its own) and status changes with their explanation. Runs
 * from Modulith's event registry after the change committed; a redelivered event finds its item already held.
 *
 * <p>The listeners run outside a transaction of their own (unlike {@code @ApplicationModuleListener}): the archive
 * appends one record at a time under a lock and commits it in its own transaction, so a listener that held a
 * connection while it waited for that lock could, with as many captures at once as the pool has connections, leave
 * the writer none to commit with.
 */
@Component
class IdeasCaptures {

    static final String PLATFORM = "backchannel-ideas";
    private static final String ACCOUNT = "ideas";
    private static final String MARKDOWN = "text/markdown; charset=utf-8";

    private final Archive archive;
    private final IdeasManagement ideas;
    private final IdentityManagement identity;
    private final String baseUrl;

    IdeasCaptures(
            Archive archive,
            IdeasManagement ideas,
            IdentityManagement identity,
            @Value("${backchannel.base-url}") String baseUrl) {
        this.archive = archive;
        this.ideas = ideas;
        this.identity = identity;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    @Async
    @TransactionalEventListener
    void on(IdeaSubmitted submitted) {
        ideas.ideaText(submitted.number()).ifPresent(this::capture);
    }

    @Async
    @TransactionalEventListener
    void on(IdeaCommented commented) {
        ideas.commentText(commented.commentId()).ifPresent(this::capture);
    }

    @Async
    @TransactionalEventListener
    void on(IdeaStatusChanged changed) {
        ideas.latestStatusChange(changed.number()).ifPresent(this::capture);
    }

    private void capture(IdeaText idea) {
        String text = idea.title() + "\n\n" + idea.markdown();
        archive.capture(capture(
                "idea-" + idea.number(),
                idea.authorId(),
                CaptureKind.INBOUND_MENTION,
                idea.language(),
                idea.createdAt(),
                "/ideas/" + idea.number(),
                text));
    }

    private void capture(CommentText comment) {
        archive.capture(capture(
                "comment-" + comment.id(),
                comment.authorId(),
                comment.staff() || comment.parentId() != null ? CaptureKind.REPLY : CaptureKind.COMMENT,
                null,
                comment.createdAt(),
                "/ideas/" + comment.ideaNumber() + "#comment-" + comment.id(),
                comment.markdown()));
    }

    private void capture(StatusNote note) {
        String text =
                note.from() + " → " + note.to() + (note.explanation().isBlank() ? "" : "\n\n" + note.explanation());
        archive.capture(capture(
                "status-" + note.id(),
                note.changedBy(),
                CaptureKind.REPLY,
                null,
                note.changedAt(),
                "/ideas/" + note.ideaNumber(),
                text));
    }

    private Capture capture(
            String sourceId,
            UUID authorId,
            CaptureKind kind,
            @Nullable String language,
            Instant saidAt,
            String path,
            String text) {
        String author = identity.displayNames(List.of(authorId)).getOrDefault(authorId, authorId.toString());
        return new Capture(
                PLATFORM,
                sourceId,
                ACCOUNT,
                author,
                kind,
                language == null || language.isBlank() ? Languages.detect(text) : language,
                saidAt,
                baseUrl + path,
                text,
                MARKDOWN,
                text.getBytes(StandardCharsets.UTF_8),
                "ideas module events",
                baseUrl,
                Instant.now(),
                "event");
    }
}
