package io.backchannel.channels.internal.platforms;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.Connectors;
import io.backchannel.channels.internal.IncomingPost;
import io.backchannel.channels.internal.Posts;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a page of posts and moves the connector's cursor past it in one transaction: a crash in between loses
 * neither, and the unique key of posts turns a page read again into nothing.
 */
@Component
class PlatformStore {

    private final Posts posts;
    private final Connectors connectors;

    PlatformStore(Posts posts, Connectors connectors) {
        this.posts = posts;
        this.connectors = connectors;
    }

    @Transactional
    int store(Connector connector, List<IncomingPost> page, @Nullable String cursor) {
        int stored = 0;
        for (IncomingPost post : page) {
            if (!post.text().isBlank() && posts.capture(connector, post).isPresent()) {
                stored++;
            }
        }
        if (cursor != null) {
            connectors.moveCursor(connector.id(), cursor);
        }
        return stored;
    }
}
