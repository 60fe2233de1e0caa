package io.backchannel.listening.internal;

import io.backchannel.system.NotFoundException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ready-made answers per language, kept by admins. Placeholders {@code {name}} and {@code {handle}} take the
 * customer's, {@code {agent}} the answering person's name; the text stays editable before it is sent.
 */
@Service
@Transactional
public class CannedReplies {

    private final JdbcClient jdbc;

    CannedReplies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<CannedReply> all() {
        return jdbc.sql("select id, title, language, body from listening_canned_reply order by language, lower(title)")
                .query(CannedReply.class)
                .list();
    }

    public UUID add(String title, String language, String body) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into listening_canned_reply (id, title, language, body) values (?, ?, ?, ?)")
                .params(id, title.strip(), language.strip(), body.strip())
                .update();
        return id;
    }

    public void delete(UUID id) {
        if (jdbc.sql("delete from listening_canned_reply where id = ?")
                        .param(id)
                        .update()
                != 1) {
            throw new NotFoundException("canned reply " + id);
        }
    }

    /** The reply's text with the placeholders filled in. */
    @Transactional(readOnly = true)
    public String fill(UUID id, ConversationRows.Conversation conversation, String agent) {
        var reply = jdbc.sql("select id, title, language, body from listening_canned_reply where id = ?")
                .param(id)
                .query(CannedReply.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("canned reply " + id));
        String name = conversation.name().isBlank() ? conversation.handle() : conversation.name();
        return reply.body()
                .replace("{name}", name)
                .replace("{handle}", conversation.handle())
                .replace("{agent}", agent);
    }

    public record CannedReply(UUID id, String title, String language, String body) {}
}
