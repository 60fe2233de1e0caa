package io.backchannel.channels.internal.platforms;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.Connectors;
import io.backchannel.channels.internal.PollOutcome;
import io.backchannel.channels.internal.ReplyChannel;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A platform call that did not give what was asked: {@code reasonKey} a message key shown on the connector's status,
 * {@code wait} how long the platform asked us to stay away (rate limits), when it said, {@code status} the HTTP
 * status (0 when no answer came).
 */
public class PlatformFailure extends Exception {

    private static final Logger log = LoggerFactory.getLogger(PlatformFailure.class);

    private final String reasonKey;
    private final @Nullable Duration wait;
    private final int status;

    public PlatformFailure(String reasonKey, String detail, @Nullable Duration wait) {
        this(reasonKey, detail, wait, 0);
    }

    public PlatformFailure(String reasonKey, String detail, @Nullable Duration wait, int status) {
        super(detail);
        this.reasonKey = reasonKey;
        this.wait = wait;
        this.status = status;
    }

    public String reasonKey() {
        return reasonKey;
    }

    public @Nullable Duration waitAsked() {
        return wait;
    }

    /** The HTTP status, 0 when no answer came. */
    public int status() {
        return status;
    }

    public String detail() {
        return String.valueOf(getMessage());
    }

    /** Counts the failure on the connector's health, with the wait before its next attempt. */
    public PollOutcome record(Connectors connectors, Connector connector, Instant at) {
        Duration delay = connectors.failed(connector.id(), reasonKey, detail(), wait, at);
        log.info(
                "{} connector {} failed ({}: {}); next attempt in {}",
                connector.kind().channel(),
                connector.name(),
                reasonKey,
                detail(),
                delay);
        return PollOutcome.FAILED;
    }

    /** A reply the platform did not take: refused when it answered, unreachable when it did not. */
    public ReplyChannel.Failed replyFailed() {
        return new ReplyChannel.Failed(status == 0 ? "channels.reply.unreachable" : "channels.reply.refused", detail());
    }
}
