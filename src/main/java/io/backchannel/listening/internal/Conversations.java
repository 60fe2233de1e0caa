package io.backchannel.listening.internal;

import io.backchannel.channels.PostCaptured;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Threads what the channels module hears into conversations: a post answering one already held joins its
 * conversation, as does a post that an earlier-arrived answer was waiting for; anything else from a customer opens a
 * new one, which is routed at once. The company's own posts are kept in their thread but open none. A repeated
 * delivery of the same post changes nothing. Listening queries decide whether a post from a broad channel opens a
 * conversation at all (see {@link ListeningQueries}), and the names of the brand queries it matches become topics.
 */
@Service
@Transactional
public class Conversations {

    private final ConversationRows rows;
    private final Enrichment enrichment;
    private final Routing routing;
    private final ResponseTargets targets;
    private final SpikeWatch spikes;
    private final ListeningQueries queries;

    Conversations(
            ConversationRows rows,
            Enrichment enrichment,
            Routing routing,
            ResponseTargets targets,
            SpikeWatch spikes,
            ListeningQueries queries) {
        this.targets = targets;
        this.spikes = spikes;
        this.queries = queries;
        this.rows = rows;
        this.enrichment = enrichment;
        this.routing = routing;
    }

    @ApplicationModuleListener
    void on(PostCaptured post) {
        capture(post);
    }

    /** The conversation the post now belongs to; empty for a company post outside any thread, or a repeat. */
    public Optional<UUID> capture(PostCaptured post) {
        rows.lockThread(post.connectorId(), post.externalId(), post.inReplyToExternalId());
        if (rows.heldPost(post.postId())
                || post.fromCompany() && rows.heldMessage(post.connectorId(), post.externalId())) {
            return Optional.empty();
        }
        Optional<UUID> thread = Optional.ofNullable(post.inReplyToExternalId())
                .flatMap(parent -> rows.conversationHolding(post.connectorId(), parent))
                .or(() -> rows.conversationAnswering(post.connectorId(), post.externalId()));
        if (post.fromCompany()) {
            thread.ifPresent(conversation -> store(conversation, post, "COMPANY"));
            return thread;
        }
        if (thread.isPresent()) {
            UUID conversation = thread.get();
            store(conversation, post, "INBOUND");
            rows.touch(conversation, post.postedAt(), post.text());
            reopen(conversation);
            return thread;
        }
        var analysis = enrichment.analyse(post.text(), post.languageHint());
        var verdict = queries.judge(post.channel(), analysis.language(), post.authorHandle(), post.text());
        if (!verdict.opens()) {
            queries.recordHits(verdict, post, analysis, null);
            return Optional.empty();
        }
        UUID customer = rows.customer(post.channel(), post.authorHandle(), post.authorName());
        var topics = new LinkedHashSet<>(verdict.brandTopics());
        topics.addAll(analysis.topics());
        UUID conversation = rows.createConversation(new ConversationRows.NewConversation(
                post.connectorId(),
                post.channel(),
                customer,
                post.text().strip(),
                analysis.language(),
                analysis.sentiment(),
                topics.stream().limit(Enrichment.MAX_TOPICS).toList(),
                analysis.intents(),
                post.authorHandle() + " " + post.authorName() + " " + post.text(),
                post.postedAt()));
        store(conversation, post, "INBOUND");
        queries.recordHits(verdict, post, analysis, conversation);
        rows.log(conversation, "listening.history.opened", post.channel(), null);
        List<String> allTopics = List.copyOf(topics);
        spikes.opened(allTopics, analysis.sentiment(), post.postedAt());
        routing.route(
                conversation,
                new RoutingRule.Facts(
                        post.channel(),
                        analysis.language(),
                        allTopics,
                        analysis.intents(),
                        analysis.sentiment(),
                        post.authorHandle(),
                        post.text()));
        return Optional.of(conversation);
    }

    private void store(UUID conversation, PostCaptured post, String kind) {
        rows.addMessage(new ConversationRows.NewMessage(
                UUID.randomUUID(),
                conversation,
                post.postId(),
                post.connectorId(),
                post.externalId(),
                post.inReplyToExternalId(),
                kind,
                post.authorHandle(),
                post.authorName(),
                null,
                post.text(),
                post.url(),
                "RECEIVED",
                post.postedAt()));
    }

    /** The customer wrote again: the conversation waits for us once more, and our next answer is due. */
    private void reopen(UUID conversation) {
        rows.conversationForUpdate(conversation).ifPresent(held -> {
            if (held.status() == ConversationStatus.RESOLVED) {
                targets.start(conversation, held.teamId(), Instant.now());
            } else {
                targets.customerWrote(conversation, held.teamId(), Instant.now());
            }
            if (held.status() != ConversationStatus.OPEN) {
                rows.setStatus(conversation, ConversationStatus.OPEN);
                rows.log(conversation, "listening.history.reopened-by-customer", "", null);
            }
        });
    }
}
