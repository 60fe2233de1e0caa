package io.backchannel.channels.internal;

import io.backchannel.channels.PostCaptured;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The posts connectors heard. Storing one and telling {@link PostCaptured} happen in one transaction (the event goes
 * through Modulith's outbox), and the unique (connector, platform id) turns a repeated delivery into nothing at all.
 */
@Service
@Transactional
public class Posts {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final int maxText;

    Posts(
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            @Value("${backchannel.channels.max-text-length:10000}") int maxText) {
        this.jdbc = jdbc;
        this.events = events;
        this.maxText = maxText;
    }

    /**
     * Stores the post and tells it; empty when the connector had heard it before. A huge post is kept whole in its
     * payload; the text the inbox reads is cut to the usual length.
     */
    public Optional<UUID> capture(Connector connector, IncomingPost post) {
        Instant now = Instant.now();
        String text = shortened(post.text());
        Optional<UUID> id = jdbc.sql(
                        """
                        insert into channels_post (id, connector_id, external_id, in_reply_to, author_handle,
                            author_name, text, url, language, label, from_company, posted_at, captured_at, payload,
                            payload_type)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (connector_id, external_id) do nothing
                        returning id""")
                .params(
                        UUID.randomUUID(),
                        connector.id(),
                        post.externalId(),
                        post.inReplyTo(),
                        post.authorHandle(),
                        post.authorName(),
                        text,
                        post.url(),
                        post.language(),
                        post.label(),
                        post.fromCompany(),
                        Timestamp.from(post.postedAt()),
                        Timestamp.from(now),
                        post.payload(),
                        post.payloadType())
                .query(UUID.class)
                .optional();
        id.ifPresent(postId -> events.publishEvent(new PostCaptured(
                postId,
                connector.id(),
                connector.kind().channel(),
                post.externalId(),
                post.inReplyTo(),
                post.authorHandle(),
                post.authorName(),
                text,
                post.url(),
                post.language(),
                post.fromCompany(),
                post.postedAt(),
                now)));
        return id;
    }

    /** At most {@code max-text-length} code points, the last of them an ellipsis when the text was cut. */
    private String shortened(String text) {
        if (text.codePointCount(0, text.length()) <= maxText) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxText - 1)) + "…";
    }

    /** Notes that the platform deleted a post this connector holds; false when it never held it. */
    public boolean markDeleted(UUID connectorId, String externalId, Instant at) {
        return jdbc.sql("update channels_post set deleted_at = coalesce(deleted_at, ?)"
                                + " where connector_id = ? and external_id = ?")
                        .params(Timestamp.from(at), connectorId, externalId)
                        .update()
                > 0;
    }

    /** The post's original bytes, as the archive keeps them. */
    @Transactional(readOnly = true)
    Optional<Payload> payload(UUID postId) {
        return jdbc.sql("select p.payload, p.payload_type, c.name from channels_post p"
                        + " join channels_connector c on c.id = p.connector_id where p.id = ?")
                .param(postId)
                .query((rs, row) -> new Payload(rs.getBytes(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    /** The platform's original bytes of a post this connector heard, e.g. to answer it in its thread. */
    @Transactional(readOnly = true)
    public Optional<byte[]> payload(UUID connectorId, String externalId) {
        return jdbc.sql("select payload from channels_post where connector_id = ? and external_id = ?")
                .params(connectorId, externalId)
                .query(byte[].class)
                .optional();
    }

    record Payload(byte[] bytes, String type, String connectorName) {}

    /** For tests and the status page: how many posts a connector holds. */
    @Transactional(readOnly = true)
    public long count(UUID connectorId) {
        return jdbc.sql("select count(*) from channels_post where connector_id = ?")
                .param(connectorId)
                .query(Long.class)
                .single();
    }

    @Transactional(readOnly = true)
    public boolean deleted(UUID connectorId, String externalId) {
        return jdbc.sql("select count(*) from channels_post where connector_id = ? and external_id = ?"
                                + " and deleted_at is not null")
                        .params(connectorId, externalId)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
