package io.backchannel.channels.internal.platforms;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.Connectors;
import io.backchannel.channels.internal.ReplyChannel;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** Sends a reply with the connector's token and turns every way it can go wrong into a failed outcome with a reason. */
@Component
public class PlatformReplies {

    private final Connectors connectors;

    PlatformReplies(Connectors connectors) {
        this.connectors = connectors;
    }

    public interface Attempt {
        ReplyChannel.Sent send(String token) throws PlatformFailure;
    }

    /** A failure's own reason key becomes the reply's (the platforms whose keys speak of replies: X, Facebook...). */
    public ReplyChannel.Outcome send(Connector connector, String noTokenKey, Attempt attempt) {
        return send(connector, noTokenKey, attempt, e -> new ReplyChannel.Failed(e.reasonKey(), e.detail()));
    }

    /** As above, with {@code failed} telling what a failure means for the reply. */
    public ReplyChannel.Outcome send(
            Connector connector,
            String noTokenKey,
            Attempt attempt,
            Function<PlatformFailure, ReplyChannel.Failed> failed) {
        Optional<String> token = connectors.secret(connector.id());
        if (token.isEmpty()) {
            return new ReplyChannel.Failed(noTokenKey, connector.name());
        }
        try {
            return attempt.send(token.get());
        } catch (PlatformFailure e) {
            return failed.apply(e);
        }
    }
}
