package io.backchannel.channels.internal;

import io.backchannel.channels.ReplyRequested;
import org.jspecify.annotations.Nullable;

/** Sends replies for the connectors of one kind; a kind without one cannot answer where a post was said. */
public interface ReplyChannel {

    ConnectorKind kind();

    Outcome send(Connector connector, ReplyRequested request);

    sealed interface Outcome {}

    /** The platform took the reply; {@code payload} is what was sent, for the archive. */
    record Sent(@Nullable String externalId, @Nullable String url, byte[] payload, String sentAs) implements Outcome {}

    /** {@code reasonKey} is a message key the inbox shows; {@code detail} is technical. */
    record Failed(String reasonKey, String detail) implements Outcome {}
}
