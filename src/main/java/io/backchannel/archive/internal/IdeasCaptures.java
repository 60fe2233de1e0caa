package io.backchannel.archive.internal;

import io.backchannel.archive.CaptureKind;
import io.backchannel.ideas.CommentText;
import io.backchannel.ideas.IdeaCommentEdited;
import io.backchannel.ideas.IdeaCommented;
import io.backchannel.ideas.IdeaStatusChanged;
import io.backchannel.ideas.IdeaSubmitted;
import io.backchannel.ideas.IdeaText;
import io.backchannel.ideas.IdeasManagement;
import io.backchannel.ideas.StatusNote;
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
    private static final SaidHere.Where WHERE = new SaidHere.Where(PLATFORM, "ideas", "ideas module events");

    private final Archive archive;
    private final IdeasManagement ideas;
    private final SaidHere said;

    IdeasCaptures(Archive archive, IdeasManagement ideas, SaidHere said) {
        this.archive = archive;
        this.ideas = ideas;
        this.said = said;
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

    /** An edited comment keeps its source id, so its new text becomes a new version beside the old. */
    @Async
    @TransactionalEventListener
    void on(IdeaCommentEdited edited) {
        ideas.commentText(edited.commentId()).ifPresent(this::capture);
    }

    @Async
    @TransactionalEventListener
    void on(IdeaStatusChanged changed) {
        ideas.latestStatusChange(changed.number()).ifPresent(this::capture);
    }

    private void capture(IdeaText idea) {
        String text = idea.title() + "\n\n" + idea.markdown();
        archive.capture(said.by(
                WHERE,
                "idea-" + idea.number(),
                idea.authorId(),
                CaptureKind.INBOUND_MENTION,
                idea.language(),
                idea.createdAt(),
                "/ideas/" + idea.number(),
                text));
    }

    private void capture(CommentText comment) {
        archive.capture(said.by(
                WHERE,
                "comment-" + comment.id(),
                comment.authorId(),
                SaidHere.commentKind(comment.staff(), comment.parentId()),
                null,
                comment.createdAt(),
                "/ideas/" + comment.ideaNumber() + "#comment-" + comment.id(),
                comment.markdown()));
    }

    private void capture(StatusNote note) {
        String text =
                note.from() + " → " + note.to() + (note.explanation().isBlank() ? "" : "\n\n" + note.explanation());
        archive.capture(said.by(
                WHERE,
                "status-" + note.id(),
                note.changedBy(),
                CaptureKind.REPLY,
                null,
                note.changedAt(),
                "/ideas/" + note.ideaNumber(),
                text));
    }
}
