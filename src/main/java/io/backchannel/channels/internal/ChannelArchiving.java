package io.backchannel.channels.internal;

import io.backchannel.archive.ArchiveManagement;
import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureKind;
import io.backchannel.archive.CaptureRefused;
import io.backchannel.archive.CaptureResult;
import io.backchannel.channels.PostCaptured;
import io.backchannel.channels.PostsCaptured;
import io.backchannel.channels.ReplySent;
import io.backchannel.system.Groups;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps every heard post and every sent reply in the evidence archive, with the platform's original bytes. Runs after
 * the commit from Modulith's event registry, outside a transaction (the archive commits each record in its own and
 * must not wait for a connection a listener holds); a redelivered event finds its item already held.
 */
@Component
class ChannelArchiving {

    private static final Logger log = LoggerFactory.getLogger(ChannelArchiving.class);
    static final String ARCHIVING = "channelArchivingThreads";
    private static final int MAX_GROUP = 1000;

    private final ArchiveManagement archive;
    private final Posts posts;
    private final Replies replies;
    private final Groups<List<PostCaptured>> groups = new Groups<>(MAX_GROUP, List::size, this::archiveBatches);

    ChannelArchiving(ArchiveManagement archive, Posts posts, Replies replies) {
        this.archive = archive;
        this.posts = posts;
        this.replies = replies;
    }

    /**
     * Heard posts are archived on threads of their own, so that while the archive catches up with a burst the inbox
     * and other listeners go on; batches told while another is being written are written together, one write to disk
     * for all of them.
     */
    @Async(ARCHIVING)
    @TransactionalEventListener
    void on(PostsCaptured batch) {
        groups.run(batch.posts());
    }

    private void archiveBatches(List<List<PostCaptured>> batches) {
        List<PostCaptured> heard = batches.stream().flatMap(List::stream).toList();
        Map<UUID, Posts.Payload> payloads =
                posts.payloads(heard.stream().map(PostCaptured::postId).toList());
        List<Capture> captures = heard.stream()
                .filter(post -> payloads.containsKey(post.postId()))
                .map(post -> capture(post, payloads.get(post.postId())))
                .toList();
        if (captures.isEmpty()) {
            return;
        }
        List<CaptureResult> results = archive.captureAll(captures);
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof CaptureResult.Refused refused) {
                refused(captures.get(i), refused.messageKey());
            }
        }
    }

    private static Capture capture(PostCaptured post, Posts.Payload payload) {
        return new Capture(
                post.channel(),
                post.externalId(),
                payload.connectorName(),
                post.authorHandle(),
                post.fromCompany()
                        ? CaptureKind.OWN_POST
                        : post.inReplyToExternalId() != null ? CaptureKind.REPLY : CaptureKind.INBOUND_MENTION,
                LanguageTags.primary(post.languageHint(), post.text()),
                post.postedAt(),
                post.url(),
                post.text(),
                payload.type(),
                payload.bytes(),
                "channels connector " + payload.connectorName(),
                post.channel() + ":" + post.connectorId(),
                Instant.now(),
                post.channel());
    }

    @Async
    @TransactionalEventListener
    void on(ReplySent sent) {
        byte[] payload = replies.payload(sent.replyId()).orElse(sent.text().getBytes(StandardCharsets.UTF_8));
        capture(new Capture(
                sent.channel(),
                sent.externalId() != null ? sent.externalId() : "reply-" + sent.replyId(),
                sent.sentAs(),
                sent.sentAs(),
                CaptureKind.REPLY,
                LanguageTags.primary(null, sent.text()),
                sent.sentAt(),
                sent.url(),
                sent.text(),
                "application/json",
                payload,
                "channels replies",
                sent.channel() + ":" + sent.connectorId(),
                Instant.now(),
                sent.channel()));
    }

    private void capture(Capture capture) {
        try {
            archive.capture(capture);
        } catch (CaptureRefused e) {
            refused(capture, e.getMessage());
        }
    }

    private static void refused(Capture capture, String why) {
        log.warn("The archive refused {} {}: {}", capture.platform(), capture.sourceId(), why);
    }
}
