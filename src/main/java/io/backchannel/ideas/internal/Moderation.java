package io.backchannel.ideas.internal;

import io.backchannel.ideas.IdeaSubmitted;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.system.Mailer;
import io.backchannel.system.NotFoundException;
import io.backchannel.system.OutgoingMail;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Staff moderation: ideas waiting on pre-moderated boards, flagged comments and blocked authors. An idea becomes
 * public, and {@link IdeaSubmitted} is published for it, only when staff approve it: listeners of that event tell the
 * world about a new idea, which a waiting idea is not yet.
 */
@Service("ideasModeration")
@Transactional
public class Moderation {

    static final int QUEUE = 100;

    private final ModerationQueue queue;
    private final Comments comments;
    private final Blocks blocks;
    private final IdentityManagement identity;
    private final ApplicationEventPublisher events;
    private final Mailer mailer;
    private final MessageSource messages;
    private final String baseUrl;

    Moderation(
            ModerationQueue queue,
            Comments comments,
            Blocks blocks,
            IdentityManagement identity,
            ApplicationEventPublisher events,
            Mailer mailer,
            MessageSource messages,
            @Value("${backchannel.base-url}") String baseUrl) {
        this.queue = queue;
        this.comments = comments;
        this.blocks = blocks;
        this.identity = identity;
        this.events = events;
        this.mailer = mailer;
        this.messages = messages;
        this.baseUrl = baseUrl;
    }

    public void approve(long number) {
        var idea = queue.decide(number, Ideas.PUBLISHED, "").orElseThrow(() -> notWaiting(number));
        events.publishEvent(new IdeaSubmitted(idea.id(), idea.number(), idea.authorId()));
    }

    /** Declines the idea with a reason that its author sees on the idea and receives by mail. */
    public void decline(long number, String reason) {
        if (reason.isBlank()) {
            throw new ReasonRequired();
        }
        var idea = queue.decide(number, Ideas.DECLINED, reason.strip()).orElseThrow(() -> notWaiting(number));
        String link = UriComponentsBuilder.fromUriString(baseUrl)
                .path("/ideas/{number}")
                .buildAndExpand(number)
                .toUriString();
        identity.accounts(List.of(idea.authorId())).forEach(author -> {
            Locale locale = Locale.forLanguageTag(author.locale());
            Object[] arguments = {author.displayName(), idea.title(), reason.strip(), link};
            mailer.send(new OutgoingMail(
                    author.email(),
                    messages.getMessage("ideas.moderation.mail.subject", arguments, locale),
                    messages.getMessage("ideas.moderation.mail.body", arguments, locale)));
        });
    }

    /** Blocks the account from the portal; its waiting ideas leave the queue as declined. */
    public void block(UUID accountId, UUID staffId) {
        if (identity.accounts(List.of(accountId)).isEmpty()) {
            throw new NotFoundException("account " + accountId);
        }
        blocks.block(accountId, staffId);
        queue.declineAllOf(accountId);
    }

    public void unblock(UUID accountId) {
        blocks.unblock(accountId);
    }

    /** Replaces the comment by a placeholder for everyone; it no longer matches searches. */
    public void hide(UUID commentId) {
        moderate(commentId, Comments.HIDDEN);
    }

    /** Staff looked at the flags and the comment stays; further flags do not bring it back. */
    public void keep(UUID commentId) {
        moderate(commentId, Comments.KEPT);
    }

    private void moderate(UUID commentId, String moderation) {
        var comment = comments.find(commentId).orElseThrow(() -> new NotFoundException("comment " + commentId));
        comments.moderate(comment.id(), moderation);
    }

    /** What waits for staff, for the staff navigation. */
    @Transactional(readOnly = true)
    public long openCount() {
        return queue.pendingCount() + comments.flaggedCount();
    }

    @Transactional(readOnly = true)
    public Queue queue() {
        var pending = queue.pending(QUEUE);
        var flagged = comments.flagged(QUEUE);
        var blocked = blocks.all();
        Set<UUID> people = new HashSet<>();
        pending.forEach(row -> people.add(row.authorId()));
        flagged.forEach(row -> people.add(row.authorId()));
        blocked.forEach(row -> {
            people.add(row.accountId());
            people.add(row.blockedBy());
        });
        Map<UUID, String> names = identity.displayNames(people);
        return new Queue(
                pending.stream()
                        .map(row -> new PendingIdea(
                                row.number(),
                                row.title(),
                                row.bodyHtml(),
                                row.category(),
                                row.authorId(),
                                names.getOrDefault(row.authorId(), ""),
                                row.createdAt()))
                        .toList(),
                flagged.stream()
                        .map(row -> new FlaggedComment(
                                row.id(),
                                row.number(),
                                row.title(),
                                row.bodyHtml(),
                                row.authorId(),
                                names.getOrDefault(row.authorId(), ""),
                                row.flags(),
                                row.createdAt()))
                        .toList(),
                blocked.stream()
                        .map(row -> new BlockedAuthor(
                                row.accountId(),
                                names.getOrDefault(row.accountId(), ""),
                                names.getOrDefault(row.blockedBy(), ""),
                                row.blockedAt()))
                        .toList());
    }

    private static NotFoundException notWaiting(long number) {
        return new NotFoundException("pending idea " + number);
    }

    public record Queue(List<PendingIdea> ideas, List<FlaggedComment> comments, List<BlockedAuthor> blocked) {}

    public record PendingIdea(
            long number,
            String title,
            String bodyHtml,
            String category,
            UUID authorId,
            String author,
            Instant createdAt) {}

    public record FlaggedComment(
            UUID id,
            long number,
            String ideaTitle,
            String bodyHtml,
            UUID authorId,
            String author,
            int flags,
            Instant createdAt) {}

    public record BlockedAuthor(UUID accountId, String name, String blockedBy, Instant blockedAt) {}

    /** Declining needs a reason for the author. */
    public static class ReasonRequired extends RuntimeException {
        ReasonRequired() {
            super("Declining an idea needs a reason");
        }
    }
}
