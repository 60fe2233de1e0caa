package io.backchannel.blog.internal;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Publishes scheduled posts when their time comes, checking every {@code backchannel.blog.publish-interval}. */
@Component
class ScheduledPublishing {

    private static final Logger log = LoggerFactory.getLogger(ScheduledPublishing.class);

    private final BlogEditor editor;

    ScheduledPublishing(BlogEditor editor) {
        this.editor = editor;
    }

    @Scheduled(
            fixedDelayString = "${backchannel.blog.publish-interval:30s}",
            initialDelayString = "${backchannel.blog.publish-interval:30s}")
    void publishDue() {
        int published = editor.publishDue(Instant.now());
        if (published > 0) {
            log.info("Published {} scheduled blog post(s)", published);
        }
    }
}
