package io.backchannel.channels;

import static org.awaitility.Awaitility.await;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.Connectors;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** What the tests of the X, Facebook and LinkedIn connectors share: connectors on a loopback API, replies asked for. */
final class PlatformFixtures {

    private PlatformFixtures() {}

    static Connector connector(
            Connectors connectors,
            ConnectorKind kind,
            String apiUrl,
            String account,
            String query,
            @Nullable String token) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(Connector.URL, apiUrl);
        settings.put(Connector.INTERVAL_MINUTES, "5");
        settings.put(Connector.ACCOUNT, account);
        settings.put(Connector.QUERY, query);
        return connectors.get(connectors.create(kind, kind.channel() + " " + UUID.randomUUID(), settings, token));
    }

    /** Asks for a reply as the inbox does (through the event outbox) and returns its id. */
    static UUID requestReply(
            TransactionTemplate transactions,
            ApplicationEventPublisher publisher,
            Connector connector,
            String inReplyTo,
            String text) {
        UUID replyId = UUID.randomUUID();
        var request = new ReplyRequested(
                replyId, connector.id(), connector.kind().channel(), inReplyTo, text, UUID.randomUUID(), Instant.now());
        transactions.executeWithoutResult(status -> publisher.publishEvent(request));
        return replyId;
    }

    /** The reply's outcome as {@code status/external id/reason}, once decided. */
    static String awaitReply(JdbcClient jdbc, UUID replyId) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !outcome(jdbc, replyId).isEmpty());
        return outcome(jdbc, replyId).getFirst();
    }

    private static List<String> outcome(JdbcClient jdbc, UUID replyId) {
        return jdbc.sql("select status || '/' || coalesce(external_id, '') || '/' || coalesce(reason_key, '')"
                        + " from channels_reply where id = ?")
                .param(replyId)
                .query(String.class)
                .list();
    }
}
