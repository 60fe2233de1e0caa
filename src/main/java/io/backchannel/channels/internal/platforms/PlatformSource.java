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
     * Reads from the connector's cursor on. Each page goes to {@code pages} with the cursor to resume from after it;
     * stop when {@code pages} says so (the round's budget is used up) or the platform asks to slow down.
     */
    void poll(Connector connector, String token, Pages pages) throws PlatformFailure;

    interface Pages {

        /** Stores the posts and moves the cursor (when given) together; false when the round should end here. */
        boolean store(List<IncomingPost> posts, @Nullable String cursor);

        /** The platform's quota is used up for this long: the round ends and the next one waits (no failure). */
        void quotaUsedUp(Duration wait);
    }
}
