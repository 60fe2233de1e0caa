package io.backchannel.channels.internal;

import io.backchannel.channels.ReplyFailed;
import io.backchannel.channels.ReplyRequested;
import io.backchannel.channels.ReplySent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Sends each requested reply through the connector that heard the post, once: the reply id is kept with the outcome,
 * so a redelivered request is not sent twice. Tells {@link ReplySent} or {@link ReplyFailed} in the same transaction.
 */
@Component
class Replies {

    static final String CONNECTOR_GONE = "channels.reply.connector-gone";
    static final String CANNOT_REPLY = "channels.reply.cannot-reply";
    static final String DISABLED = "channels.reply.disabled";

    private final JdbcClient jdbc;
    private final Connectors connectors;
    private final Map<ConnectorKind, ReplyChannel> channels;
    private final ApplicationEventPublisher events;

    Replies(JdbcClient jdbc, Connectors connectors, List<ReplyChannel> channels, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.connectors = connectors;
        this.channels = channels.stream().collect(Collectors.toMap(ReplyChannel::kind, Function.identity()));
        this.events = events;
    }

    @ApplicationModuleListener
    void on(ReplyRequested request) {
        boolean decided = jdbc.sql("select count(*) from channels_reply where id = ?")
                        .param(request.replyId())
                        .query(Long.class)
                        .single()
                > 0;
        if (!decided) {
            record(request, send(request));
        }
    }

    private ReplyChannel.Outcome send(ReplyRequested request) {
        Optional<Connector> found = connectors.find(request.connectorId());
        if (found.isEmpty()) {
            return new ReplyChannel.Failed(CONNECTOR_GONE, "connector " + request.connectorId());
        }
        Connector connector = found.get();
        ReplyChannel channel = channels.get(connector.kind());
        if (channel == null || !connector.kind().canReply()) {
            return new ReplyChannel.Failed(CANNOT_REPLY, connector.kind().channel());
        }
        if (!connector.enabled()) {
            return new ReplyChannel.Failed(DISABLED, connector.name());
        }
        return channel.send(connector, request);
    }

    private void record(ReplyRequested request, ReplyChannel.Outcome outcome) {
        Instant now = Instant.now();
        switch (outcome) {
            case ReplyChannel.Sent sent -> {
                insert(request, "SENT", sent.externalId(), sent.url(), null, sent.payload(), now);
                events.publishEvent(new ReplySent(
                        request.replyId(),
                        request.connectorId(),
                        request.channel(),
                        request.inReplyToExternalId(),
                        sent.externalId(),
                        sent.url(),
                        request.text(),
                        sent.sentAs(),
                        now));
            }
            case ReplyChannel.Failed failed -> {
                insert(request, "FAILED", null, null, failed.reasonKey(), null, now);
                events.publishEvent(new ReplyFailed(request.replyId(), failed.reasonKey(), failed.detail(), now));
            }
        }
    }

    private void insert(
            ReplyRequested request,
            String status,
            @Nullable String externalId,
            @Nullable String url,
            @Nullable String reasonKey,
            byte @Nullable [] payload,
            Instant at) {
        jdbc.sql(
                        "insert into channels_reply (id, connector_id, in_reply_to, text, status, external_id, url, reason_key,"
                                + " payload, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing")
                .params(
                        request.replyId(),
                        request.connectorId(),
                        request.inReplyToExternalId(),
                        request.text(),
                        status,
                        externalId,
                        url,
                        reasonKey,
                        payload,
                        Timestamp.from(at))
                .update();
    }

    /** The bytes that went to the platform, for the archive. */
    Optional<byte[]> payload(UUID replyId) {
        return jdbc.sql("select payload from channels_reply where id = ? and payload is not null")
                .param(replyId)
                .query(byte[].class)
                .optional();
    }
}
