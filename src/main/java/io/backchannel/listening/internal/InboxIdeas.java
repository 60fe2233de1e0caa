package io.backchannel.listening.internal;

import io.backchannel.ideas.BoardSummary;
import io.backchannel.ideas.IdeasManagement;
import io.backchannel.system.NotFoundException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Turns a conversation into an idea on the portal, written by the staff member (the customer has no account there).
 * The public idea quotes only the customer's words, never their handle or anything staff wrote; the way back to the
 * conversation is an internal note on the idea, which only staff see. One idea per conversation: the conversation row
 * is locked and a second request finds the first idea.
 */
@Service
@Transactional
public class InboxIdeas {

    public static final int TITLE_MAX = 150;
    public static final int BODY_MAX = 10_000;
    static final int PREFILL_TITLE = 100;

    private final ConversationRows rows;
    private final IdeasManagement ideas;
    private final JdbcClient jdbc;
    private final Desk desk;
    private final StaffOnly staffOnly;
    private final MessageSource messages;
    private final String baseUrl;

    InboxIdeas(
            ConversationRows rows,
            IdeasManagement ideas,
            JdbcClient jdbc,
            Desk desk,
            StaffOnly staffOnly,
            MessageSource messages,
            @Value("${backchannel.base-url}") String baseUrl) {
        this.rows = rows;
        this.ideas = ideas;
        this.jdbc = jdbc;
        this.desk = desk;
        this.staffOnly = staffOnly;
        this.messages = messages;
        this.baseUrl = baseUrl;
    }

    /** The number of the idea made from the conversation, if any. */
    @Transactional(readOnly = true)
    public Optional<Long> linked(UUID conversationId) {
        return jdbc.sql("select idea_number from listening_idea_link where conversation_id = ?")
                .param(conversationId)
                .query(Long.class)
                .optional();
    }

    @Transactional(readOnly = true)
    public List<BoardSummary> boards() {
        return ideas.boards();
    }

    /** Title and text to start from: the customer's first post, quoted, without who wrote it. */
    @Transactional(readOnly = true)
    public Draft draft(UUID conversationId) {
        var conversation = rows.conversation(conversationId)
                .orElseThrow(() -> new NotFoundException("conversation " + conversationId));
        String text = rows.messages(conversationId).stream()
                .filter(message -> message.kind().equals("INBOUND"))
                .map(ConversationRows.Message::text)
                .findFirst()
                .orElse(conversation.subject())
                .strip();
        String oneLine = text.replaceAll("\\s+", " ");
        String title = oneLine.length() > PREFILL_TITLE ? oneLine.substring(0, PREFILL_TITLE - 1) + "…" : oneLine;
        String quoted = text.lines()
                .map(line -> "> " + line)
                .reduce((a, b) -> a + "\n" + b)
                .orElse("");
        return new Draft(title, quoted.length() > BODY_MAX ? quoted.substring(0, BODY_MAX) : quoted);
    }

    /**
     * Creates the idea (or finds the one made before) and links both ways; tells the customer its address when asked
     * and the thread holds a post to answer.
     *
     * @throws Refused for an unknown board or an empty or too long title or text
     */
    public Created create(
            UUID conversationId, UUID boardId, String title, String markdown, boolean tellCustomer, UUID staffId) {
        staffOnly.require(staffId);
        var conversation = rows.conversationForUpdate(conversationId)
                .orElseThrow(() -> new NotFoundException("conversation " + conversationId));
        var existing = linked(conversationId);
        if (existing.isPresent()) {
            return new Created(existing.get(), false, false);
        }
        if (title.isBlank() || markdown.isBlank()) {
            throw new Refused("listening.idea.empty");
        }
        if (title.strip().length() > TITLE_MAX || markdown.strip().length() > BODY_MAX) {
            throw new Refused("listening.idea.too-long");
        }
        if (ideas.boards().stream().noneMatch(board -> board.id().equals(boardId))) {
            throw new Refused("listening.idea.board-invalid");
        }
        long number = ideas.submit(staffId, boardId, title.strip(), markdown.strip());
        jdbc.sql("insert into listening_idea_link (conversation_id, idea_number, staff_id) values (?, ?, ?)")
                .params(conversationId, number, staffId)
                .update();
        ideas.addNote(
                number,
                staffId,
                messages.getMessage(
                        "listening.idea.note",
                        new Object[] {link("/workspace/inbox/{id}", conversationId)},
                        LocaleContextHolder.getLocale()));
        rows.log(conversationId, "listening.idea.history", "#" + number, staffId);
        boolean told = false;
        // Checked first: a refused reply inside this transaction would roll the idea back with it.
        if (tellCustomer && rows.lastInbound(conversationId).isPresent()) {
            desk.reply(
                    conversationId,
                    messages.getMessage(
                            "listening.idea.reply-text",
                            new Object[] {link("/ideas/{number}", number)},
                            Locale.forLanguageTag(conversation.language())),
                    staffId);
            told = true;
        }
        return new Created(number, true, told);
    }

    private String link(String path, Object value) {
        return UriComponentsBuilder.fromUriString(baseUrl)
                .path(path)
                .buildAndExpand(value)
                .toUriString();
    }

    public record Draft(String title, String markdown) {}

    public record Created(long number, boolean isNew, boolean told) {}
}
