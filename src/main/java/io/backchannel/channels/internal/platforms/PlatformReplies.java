package io.backchannel.channels.internal.platforms;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.Connectors;
import io.backchannel.channels.internal.ReplyChannel;
import java.util.Optional;
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

    public ReplyChannel.Outcome send(Connector connector, String noTokenKey, Attempt attempt) {
        Optional<String> token = connectors.secret(connector.id());
        if (token.isEmpty()) {
            return new ReplyChannel.Failed(noTokenKey, connector.name());
        }
        try {
            return attempt.send(token.get());
        } catch (PlatformFailure e) {
            return new ReplyChannel.Failed(e.reasonKey(), e.detail());
        }
    }
}
