package io.backchannel.channels;

import java.util.List;

/**
 * Connectors heard these posts, each for the first time, and stored them in one transaction. Posts arrive in
 * batches when they arrive fast (a busy webhook, a poll that brought a page), and listeners handle a batch as one: one
 * event publication, one transaction, one archive write for many posts instead of one each.
 *
 * @param posts at least one, in the order they were stored
 */
public record PostsCaptured(List<PostCaptured> posts) {

    public PostsCaptured {
        if (posts.isEmpty()) {
            throw new IllegalArgumentException("a batch of captured posts holds at least one");
        }
        posts = List.copyOf(posts);
    }

    public static PostsCaptured of(PostCaptured post) {
        return new PostsCaptured(List.of(post));
    }
}
