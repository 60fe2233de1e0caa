package io.backchannel.channels.internal.platforms;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.IncomingPost;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads one platform's API for a connector, handing over page after page with the cursor that follows it. */
public interface PlatformSource {

    ConnectorKind kind();

    /**
     * Whether a connector without a stored token is left alone (true), or polled all the same so that the source
     * reports what is missing on the connector's status, or signs in another way.
     */
    default boolean needsToken() {
        return true;
    }

    /**
     * Reads from the connector's cursor on with {@code token} (empty when the connector has none). Each page goes to
     * {@code pages} with the cursor to resume from after it; stop when {@code pages} says so (the round's budget is
     * used up) or the platform asks to slow down.
     */
    void poll(Connector connector, String token, Pages pages) throws PlatformFailure;

    interface Pages {

        /** Stores the posts and moves the cursor (when given) together; false when the round should end here. */
        boolean store(List<IncomingPost> posts, @Nullable String cursor);

        /** The platform's quota is used up for this long: the round ends and the next one waits (no failure). */
        void quotaUsedUp(Duration wait);
    }
}
