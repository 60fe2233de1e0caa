package io.backchannel.channels.internal;

import io.backchannel.channels.PostCaptured;
import io.backchannel.channels.PostsCaptured;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The posts connectors heard. Storing them and telling {@link PostsCaptured} happen in one transaction (the event goes
 * through Modulith's outbox), and the unique (connector, platform id) turns a repeated delivery into nothing at all.
 */
@Service
@Transactional
public class Posts {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final ApplicationEventPublisher events;
    private final int maxText;

    Posts(
            JdbcClient jdbc,
            JdbcTemplate batches,
            ApplicationEventPublisher events,
            @Value("${backchannel.channels.max-text-length:10000}") int maxText) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.events = events;
        this.maxText = maxText;
    }

    /**
     * Stores the post and tells it; empty when the connector had heard it before. A huge post is kept whole in its
     * payload; the text the inbox reads is cut to the usual length.
     */
    public Optional<UUID> capture(Connector connector, IncomingPost post) {
        return captureAll(List.of(new Heard(connector, post))).getFirst();
    }

    /**
     * Stores the posts in one batch and tells the new ones in one {@link PostsCaptured}; for each post in order, its
     * id, or empty when its connector had heard it before (also earlier in the same batch).
     */
    public List<Optional<UUID>> captureAll(List<Heard> batch) {
        Instant now = Instant.now();
        List<Stored> stored = batch.stream()
                .map(heard -> new Stored(
                        UUID.randomUUID(), heard, shortened(heard.post().text())))
                .toList();
        int[] inserted = batches.batchUpdate(
                """
                insert into channels_post (id, connector_id, external_id, in_reply_to, author_handle,
                    author_name, text, url, language, label, from_company, posted_at, captured_at, payload,
                    payload_type)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (connector_id, external_id) do nothing""",
                stored.stream().map(row -> row.parameters(now)).toList());
        List<Optional<UUID>> ids = new ArrayList<>(stored.size());
        List<PostCaptured> told = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            if (inserted[i] > 0) {
                ids.add(Optional.of(stored.get(i).id()));
                told.add(stored.get(i).told(now));
            } else {
                ids.add(Optional.empty());
            }
        }
        if (!told.isEmpty()) {
            events.publishEvent(new PostsCaptured(told));
        }
        return ids;
    }

    /** A post as a connector heard it, before it is stored. */
    public record Heard(Connector connector, IncomingPost post) {}

    private record Stored(UUID id, Heard heard, String text) {

        Object[] parameters(Instant now) {
            IncomingPost post = heard.post();
            return new Object[] {
                id,
                heard.connector().id(),
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
                post.payloadType()
            };
        }

        PostCaptured told(Instant now) {
            IncomingPost post = heard.post();
            Connector connector = heard.connector();
            return new PostCaptured(
                    id,
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
                    now);
        }
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

    /** The posts' original bytes, as the archive keeps them, by post id; a post no longer held is left out. */
    @Transactional(readOnly = true)
    Map<UUID, Payload> payloads(List<UUID> postIds) {
        Map<UUID, Payload> payloads = new HashMap<>();
        jdbc.sql("select p.id, p.payload, p.payload_type, c.name from channels_post p"
                        + " join channels_connector c on c.id = p.connector_id where p.id = any(?)")
                .param(postIds.toArray(UUID[]::new))
                .query(rs -> {
                    payloads.put(
                            rs.getObject(1, UUID.class), new Payload(rs.getBytes(2), rs.getString(3), rs.getString(4)));
                });
        return payloads;
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
