package io.backchannel.channels.internal.platforms;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.Connectors;
import io.backchannel.channels.internal.IncomingPost;
import io.backchannel.channels.internal.Posts;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
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
    private final int maxText;

    PlatformStore(
            Posts posts, Connectors connectors, @Value("${backchannel.channels.max-text-length:10000}") int maxText) {
        this.posts = posts;
        this.connectors = connectors;
        this.maxText = maxText;
    }

    @Transactional
    int store(Connector connector, List<IncomingPost> page, @Nullable String cursor) {
        int stored = 0;
        for (IncomingPost post : page) {
            if (!post.text().isBlank() && posts.capture(connector, capped(post)).isPresent()) {
                stored++;
            }
        }
        if (cursor != null) {
            connectors.moveCursor(connector.id(), cursor);
        }
        return stored;
    }

    /** A huge post is kept whole in its payload; the text the inbox reads is cut to the usual length. */
    private IncomingPost capped(IncomingPost post) {
        if (post.text().length() <= maxText) {
            return post;
        }
        return new IncomingPost(
                post.externalId(),
                post.inReplyTo(),
                post.authorHandle(),
                post.authorName(),
                post.text().substring(0, maxText) + "…",
                post.url(),
                post.language(),
                post.label(),
                post.fromCompany(),
                post.postedAt(),
                post.payload(),
                post.payloadType());
    }
}
