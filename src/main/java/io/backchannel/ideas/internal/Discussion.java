package io.backchannel.ideas.internal;

import io.backchannel.ideas.IdeaAnswered;
import io.backchannel.ideas.IdeaCommentEdited;
import io.backchannel.ideas.IdeaCommented;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.system.NotFoundException;
import io.backchannel.text.SafeMarkdown;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The conversation under an idea: comments with one level of replies, edits by their author within a window, flags
 * for abuse, and staff promoting a comment to an extension of the idea.
 */
@Service
@Transactional
public class Discussion {

    private final Ideas ideas;
    private final Comments comments;
    private final Blocks blocks;
    private final IdentityManagement identity;
    private final Duration editWindow;
    private final ApplicationEventPublisher events;

    Discussion(
            Ideas ideas,
            Comments comments,
            Blocks blocks,
            IdentityManagement identity,
            ApplicationEventPublisher events,
            @Value("${backchannel.ideas.comment-edit-window:15m}") Duration editWindow) {
        this.ideas = ideas;
        this.comments = comments;
        this.blocks = blocks;
        this.identity = identity;
        this.events = events;
        this.editWindow = editWindow;
    }

    /** Posts a top-level comment on a public idea and returns its id. */
    public UUID comment(long number, UUID authorId, String markdown, boolean staff) {
        blocks.requireAllowed(authorId);
        var idea = ideas.byNumber(number)
                .filter(Ideas.IdeaDetail::published)
                .orElseThrow(() -> new NotFoundException("idea " + number));
        return add(idea.id(), number, null, authorId, markdown, staff);
    }

    /** Answers a comment; an answer to an answer joins the thread of the comment it belongs to (one level only). */
    public UUID reply(long number, UUID commentId, UUID authorId, String markdown, boolean staff) {
        blocks.requireAllowed(authorId);
        var target = comment(number, commentId);
        UUID parent = target.parentId() == null ? target.id() : target.parentId();
        return add(target.ideaId(), number, parent, authorId, markdown, staff);
    }

    /** The author's own text, for the edit form; refused to others and after the window. */
    @Transactional(readOnly = true)
    public String editable(long number, UUID commentId, UUID accountId) {
        var comment = comment(number, commentId);
        requireEditable(comment, accountId);
        return comment.bodyMarkdown();
    }

    public void edit(long number, UUID commentId, UUID accountId, String markdown) {
        blocks.requireAllowed(accountId);
        var comment = comment(number, commentId);
        requireEditable(comment, accountId);
        String body = markdown.strip();
        // The window is checked again in the update itself, so an edit sent at the last second cannot slip past it.
        if (!comments.edit(
                comment.id(), body, SafeMarkdown.toHtml(body), Instant.now().minus(editWindow))) {
            throw new CommentRefused(CommentRefused.Reason.WINDOW_OVER);
        }
        events.publishEvent(new IdeaCommentEdited(comment.ideaId(), number, comment.id(), accountId, Instant.now()));
    }

    /** Reports the comment as abusive: once per account; it then waits in the moderation queue. */
    public void flag(long number, UUID commentId, UUID accountId) {
        blocks.requireAllowed(accountId);
        var comment = comment(number, commentId);
        if (comment.authorId().equals(accountId)) {
            throw new CommentRefused(CommentRefused.Reason.OWN_COMMENT);
        }
        if (!comments.flag(comment.id(), accountId)) {
            throw new CommentRefused(CommentRefused.Reason.ALREADY_FLAGGED);
        }
    }

    /** Staff: shows the comment as part of the idea, above the comments, with the staff member's name. */
    public void extend(UUID commentId, UUID staffId) {
        var comment = comments.find(commentId).orElseThrow(() -> new NotFoundException("comment " + commentId));
        if (Comments.HIDDEN.equals(comment.moderation())) {
            throw new CommentRefused(CommentRefused.Reason.HIDDEN);
        }
        comments.extend(comment.id(), comment.ideaId(), staffId);
    }

    /** Staff: takes an extension back; the comment stays where it was. Returns the idea's number. */
    public long withdrawExtension(UUID commentId) {
        var comment = comments.find(commentId).orElseThrow(() -> new NotFoundException("comment " + commentId));
        comments.withdrawExtension(comment.id());
        return comment.ideaNumber();
    }

    /** The idea's number, to go back to it after a staff action on one of its comments. */
    @Transactional(readOnly = true)
    public long ideaOf(UUID commentId) {
        return comments.find(commentId)
                .map(Comments.Stored::ideaNumber)
                .orElseThrow(() -> new NotFoundException("comment " + commentId));
    }

    /** Everything the idea page shows below the idea: extensions, threads, and whether the idea is public yet. */
    @Transactional(readOnly = true)
    public Conversation conversation(long number, @Nullable UUID viewer) {
        var idea = ideas.byNumber(number).orElseThrow(() -> new NotFoundException("idea " + number));
        var rows = comments.ofIdea(idea.id(), viewer);
        var extensions = comments.extensions(idea.id());
        Set<UUID> people = new HashSet<>();
        rows.forEach(row -> people.add(row.authorId()));
        extensions.forEach(extension -> people.add(extension.extendedBy()));
        Map<UUID, String> names = identity.displayNames(people);
        Instant editableAfter = Instant.now().minus(editWindow);
        Map<UUID, List<CommentView>> replies = new LinkedHashMap<>();
        List<CommentView> top = new ArrayList<>();
        for (var row : rows) {
            var view = view(row, names, viewer, editableAfter);
            if (row.parentId() == null) {
                top.add(view);
                replies.put(row.id(), new ArrayList<>());
            } else {
                replies.computeIfAbsent(row.parentId(), parent -> new ArrayList<>())
                        .add(view);
            }
        }
        return new Conversation(
                idea.number(),
                idea.moderation(),
                idea.declineReason(),
                rows.size(),
                extensions.stream()
                        .map(row -> new ExtensionView(
                                row.id(),
                                names.getOrDefault(row.authorId(), ""),
                                row.bodyHtml(),
                                names.getOrDefault(row.extendedBy(), ""),
                                row.extendedAt()))
                        .toList(),
                top.stream()
                        .map(comment -> new CommentThread(comment, List.copyOf(replies.get(comment.id()))))
                        .toList());
    }

    private CommentView view(Comments.Row row, Map<UUID, String> names, @Nullable UUID viewer, Instant editableAfter) {
        boolean hidden = Comments.HIDDEN.equals(row.moderation());
        boolean mine = row.authorId().equals(viewer);
        return new CommentView(
                row.id(),
                names.getOrDefault(row.authorId(), ""),
                hidden ? "" : row.bodyHtml(),
                row.staff(),
                row.createdAt(),
                row.editedAt() != null,
                hidden,
                mine,
                mine && !hidden && row.createdAt().isAfter(editableAfter),
                row.flaggedByViewer(),
                row.extension(),
                row.authorId());
    }

    private UUID add(UUID ideaId, long number, @Nullable UUID parent, UUID authorId, String markdown, boolean staff) {
        String body = markdown.strip();
        UUID id = comments.add(ideaId, parent, authorId, body, SafeMarkdown.toHtml(body), staff);
        events.publishEvent(new IdeaCommented(ideaId, number, id, authorId, staff));
        if (staff) {
            events.publishEvent(new IdeaAnswered(ideaId, number, authorId, body));
        }
        return id;
    }

    private void requireEditable(Comments.Stored comment, UUID accountId) {
        if (!comment.authorId().equals(accountId)) {
            throw new CommentRefused(CommentRefused.Reason.NOT_AUTHOR);
        }
        if (Comments.HIDDEN.equals(comment.moderation())) {
            throw new CommentRefused(CommentRefused.Reason.HIDDEN);
        }
        if (!comment.createdAt().isAfter(Instant.now().minus(editWindow))) {
            throw new CommentRefused(CommentRefused.Reason.WINDOW_OVER);
        }
    }

    /** The comment, if it belongs to the public idea with this number. */
    private Comments.Stored comment(long number, UUID commentId) {
        return comments.find(commentId)
                .filter(comment -> comment.ideaNumber() == number)
                .filter(comment ->
                        ideas.byNumber(number).map(Ideas.IdeaDetail::published).orElse(false))
                .orElseThrow(() -> new NotFoundException("comment " + commentId));
    }

    public record Conversation(
            long number,
            String moderation,
            String declineReason,
            int count,
            List<ExtensionView> extensions,
            List<CommentThread> comments) {

        public boolean published() {
            return Ideas.PUBLISHED.equals(moderation);
        }

        public boolean pending() {
            return Ideas.PENDING.equals(moderation);
        }
    }

    public record CommentThread(CommentView comment, List<CommentView> replies) {}

    public record CommentView(
            UUID id,
            String author,
            String bodyHtml,
            boolean staff,
            Instant createdAt,
            boolean edited,
            boolean hidden,
            boolean mine,
            boolean editable,
            boolean flaggedByViewer,
            boolean extension,
            UUID authorId) {}

    public record ExtensionView(
            UUID commentId, String author, String bodyHtml, String extendedBy, Instant extendedAt) {}

    /** Why a comment action was refused; the reason names the translated message. */
    public static class CommentRefused extends RuntimeException {

        public enum Reason {
            NOT_AUTHOR,
            WINDOW_OVER,
            HIDDEN,
            OWN_COMMENT,
            ALREADY_FLAGGED
        }

        private final Reason reason;

        CommentRefused(Reason reason) {
            super("Comment action refused: " + reason);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }
}
