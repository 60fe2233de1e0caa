package io.backchannel.channels;

import java.util.stream.Stream;
import org.springframework.test.context.event.ApplicationEvents;

/** The posts told in the batches a test recorded. */
final class CapturedPosts {

    private CapturedPosts() {}

    static Stream<PostCaptured> in(ApplicationEvents events) {
        return events.stream(PostsCaptured.class).flatMap(batch -> batch.posts().stream());
    }
}
