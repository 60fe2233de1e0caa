package io.backchannel.channels.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Posts that reached staff outside any connector (a phone call, a letter), typed in by hand. Each entry is its own
 * post; the channel label says where it came from.
 */
@Service
@Transactional
public class ManualEntries {

    private final Connectors connectors;
    private final Posts posts;

    ManualEntries(Connectors connectors, Posts posts) {
        this.connectors = connectors;
        this.posts = posts;
    }

    public UUID record(String label, String author, String text, Instant saidAt, String enteredBy) {
        Connector manual = connectors.manual();
        String externalId = "manual-" + UUID.randomUUID();
        String payload = "Channel: " + label + "\nAuthor: " + author + "\nSaid at: " + saidAt + "\nEntered by: "
                + enteredBy + "\n\n" + text;
        return posts.capture(
                        manual,
                        new IncomingPost(
                                externalId,
                                null,
                                author,
                                author,
                                text,
                                null,
                                null,
                                label,
                                false,
                                saidAt,
                                payload.getBytes(StandardCharsets.UTF_8),
                                "text/plain; charset=utf-8"))
                .orElseThrow();
    }
}
