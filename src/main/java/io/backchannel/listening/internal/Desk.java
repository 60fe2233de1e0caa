package io.backchannel.listening.internal;

import io.backchannel.channels.ReplyFailed;
import io.backchannel.channels.ReplyRequested;
import io.backchannel.channels.ReplySent;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.system.NotFoundException;
import io.backchannel.text.SafeMarkdown;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Staff's work on one conversation: the thread with its history and notes, replies (stored and requested from the
 * channels module in one transaction, so the event outbox sends what was written), notes that never leave the house,
 * resolving and reopening, and the sentiment review.
 */
@Service
@Transactional
public class Desk {

    /** The history's keys built from enums, spelt out so that the i18n guard finds them. */
    static final String[] HISTORY_KEYS = {
        "listening.history.status.OPEN",
        "listening.history.status.PENDING",
        "listening.history.status.RESOLVED",
        "listening.history.sentiment.POSITIVE",
        "listening.history.sentiment.NEUTRAL",
        "listening.history.sentiment.NEGATIVE",
        "listening.reply.state.RECEIVED",
        "listening.reply.state.REQUESTED",
        "listening.reply.state.SENT",
        "listening.reply.state.FAILED"
    };

    public static final int REPLY_MAX = 5_000;
    public static final int NOTE_MAX = 5_000;
    static final int OTHER_CONVERSATIONS = 20;

    private final ConversationRows rows;
    private final Routing routing;
    private final IdentityManagement identity;
    private final ApplicationEventPublisher events;
    private final ResponseTargets targets;
    private final Enrichment enrichment;

    Desk(
            ConversationRows rows,
            Routing routing,
            IdentityManagement identity,
            ApplicationEventPublisher events,
            ResponseTargets targets,
            Enrichment enrichment) {
        this.targets = targets;
        this.enrichment = enrichment;
        this.rows = rows;
        this.routing = routing;
        this.identity = identity;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public ConversationView thread(UUID id) {
        var conversation = conversation(id);
        var messages = rows.messages(id);
        var history = rows.history(id);
        var notes = rows.notes(id);
        Set<UUID> people = new HashSet<>();
        messages.forEach(message -> add(people, message.staffId()));
        history.forEach(entry -> add(people, entry.actorId()));
        notes.forEach(note -> people.add(note.authorId()));
        add(people, conversation.assigneeId());
        Map<UUID, String> names = identity.displayNames(people);
        var teams = routing.teamNames();
        return new ConversationView(
                conversation,
                conversation.teamId() == null ? null : teams.get(conversation.teamId()),
                conversation.assigneeId() == null ? null : names.get(conversation.assigneeId()),
                messages,
                history.stream()
                        .map(entry -> new HistoryView(
                                entry.eventKey(),
                                entry.detail(),
                                entry.actorId() == null ? null : names.get(entry.actorId()),
                                entry.at()))
                        .toList(),
                notes.stream()
                        .map(note -> new NoteView(
                                names.getOrDefault(note.authorId(), ""), note.bodyHtml(), note.createdAt()))
                        .toList(),
                names,
                rows.sameCustomer(id, conversation.handle(), OTHER_CONVERSATIONS));
    }

    /**
     * Writes a reply to the customer's last post and asks the channels module to send it.
     *
     * @throws NothingToAnswer when the thread holds no post of the customer's with a platform id
     */
    public UUID reply(UUID conversationId, String text, UUID staffId) {
        var conversation = forUpdate(conversationId);
        var parent = rows.lastInbound(conversationId).orElseThrow(NothingToAnswer::new);
        String body = text.strip();
        UUID replyId = UUID.randomUUID();
        Instant now = Instant.now();
        String staffName = identity.displayNames(List.of(staffId)).getOrDefault(staffId, "");
        rows.addMessage(new ConversationRows.NewMessage(
                replyId,
                conversationId,
                null,
                conversation.connectorId(),
                null,
                parent.externalId(),
                "REPLY",
                "",
                staffName,
                staffId,
                body,
                null,
                "REQUESTED",
                now));
        events.publishEvent(new ReplyRequested(
                replyId,
                conversation.connectorId(),
                conversation.channel(),
                java.util.Objects.requireNonNull(parent.externalId()),
                body,
                staffId,
                now));
        rows.log(conversationId, "listening.history.replied", "", staffId);
        targets.answered(conversationId, now);
        if (conversation.status() == ConversationStatus.OPEN) {
            changeStatus(conversationId, ConversationStatus.PENDING, staffId);
        }
        return replyId;
    }

    public void addNote(UUID conversationId, String markdown, UUID staffId) {
        conversation(conversationId);
        String body = markdown.strip();
        rows.addNote(conversationId, staffId, body, SafeMarkdown.toHtml(body));
    }

    public void resolve(UUID conversationId, UUID staffId) {
        if (forUpdate(conversationId).status() != ConversationStatus.RESOLVED) {
            changeStatus(conversationId, ConversationStatus.RESOLVED, staffId);
            targets.resolved(conversationId);
            events.publishEvent(new Resolved(conversationId, staffId));
        }
    }

    public void reopen(UUID conversationId, UUID staffId) {
        var conversation = forUpdate(conversationId);
        if (conversation.status() == ConversationStatus.RESOLVED) {
            changeStatus(conversationId, ConversationStatus.OPEN, staffId);
            targets.start(conversationId, conversation.teamId(), Instant.now());
        }
    }

    /** Staff tell the sentiment the analysis could not; stored as a correction for the text module to learn from. */
    public void correctSentiment(UUID conversationId, Sentiment sentiment, UUID staffId) {
        var conversation = forUpdate(conversationId);
        String text = rows.messages(conversationId).stream()
                .filter(message -> message.kind().equals("INBOUND"))
                .map(ConversationRows.Message::text)
                .findFirst()
                .orElse(conversation.subject());
        rows.addCorrection(conversationId, text, conversation.language(), conversation.sentiment(), sentiment, staffId);
        // After the commit, or a post analysed meanwhile could learn again without this correction.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                enrichment.corrected();
            }
        });
        rows.setSentiment(conversationId, sentiment);
        rows.log(conversationId, "listening.history.sentiment." + sentiment.name(), "", staffId);
    }

    @ApplicationModuleListener
    void on(ReplySent sent) {
        rows.replyOutcome(sent.replyId(), "SENT", sent.externalId(), sent.url(), null);
    }

    @ApplicationModuleListener
    void on(ReplyFailed failed) {
        if (rows.replyOutcome(failed.replyId(), "FAILED", null, null, failed.reasonKey())) {
            rows.conversationOfMessage(failed.replyId())
                    .ifPresent(conversation -> rows.log(conversation, "listening.history.reply-failed", "", null));
        }
    }

    private void changeStatus(UUID conversationId, ConversationStatus status, UUID staffId) {
        rows.setStatus(conversationId, status);
        rows.log(conversationId, "listening.history.status." + status.name(), "", staffId);
    }

    private ConversationRows.Conversation conversation(UUID id) {
        return rows.conversation(id).orElseThrow(() -> new NotFoundException("conversation " + id));
    }

    private ConversationRows.Conversation forUpdate(UUID id) {
        return rows.conversationForUpdate(id).orElseThrow(() -> new NotFoundException("conversation " + id));
    }

    private static void add(Set<UUID> people, @Nullable UUID id) {
        if (id != null) {
            people.add(id);
        }
    }

    /** The thread holds nothing of the customer's that a reply could answer on the platform. */
    public static class NothingToAnswer extends RuntimeException {
        NothingToAnswer() {
            super("nothing to answer");
        }
    }

    public record ConversationView(
            ConversationRows.Conversation conversation,
            @Nullable String team,
            @Nullable String assignee,
            List<ConversationRows.Message> messages,
            List<HistoryView> history,
            List<NoteView> notes,
            Map<UUID, String> names,
            List<ConversationRows.Conversation> others) {}

    /** Staff resolved the conversation; heard within the same transaction (e.g. to ask the customer's opinion). */
    public record Resolved(UUID conversationId, UUID staffId) {}

    public record HistoryView(String eventKey, String detail, @Nullable String actor, Instant at) {}

    public record NoteView(String author, String bodyHtml, Instant createdAt) {}
}
