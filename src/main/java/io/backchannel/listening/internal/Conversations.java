package io.backchannel.listening.internal;

import io.backchannel.channels.PostCaptured;
import io.backchannel.channels.PostsCaptured;
import io.backchannel.system.Groups;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

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

    private static final Logger log = LoggerFactory.getLogger(Conversations.class);
    /**
     * The inbox's own listener threads, so that the archive or another module's listeners falling behind do not hold
     * the inbox up. The batches they hear are threaded together, one group at a time on this node (the others wait
     * here, without a database connection, rather than in the database: see {@link ConversationRows#lockThreading}).
     */
    static final String THREADING = "inboxThreadingThreads";

    private static final int MAX_GROUP = 1000;

    private final ConversationRows rows;
    private final Enrichment enrichment;
    private final Routing routing;
    private final ResponseTargets targets;
    private final SpikeWatch spikes;
    private final ListeningQueries queries;
    private final TransactionTemplate transactions;
    private final Groups<List<PostCaptured>> groups = new Groups<>(MAX_GROUP, List::size, this::threadBatches);

    Conversations(
            ConversationRows rows,
            Enrichment enrichment,
            Routing routing,
            ResponseTargets targets,
            SpikeWatch spikes,
            ListeningQueries queries,
            TransactionTemplate transactions) {
        this.transactions = transactions;
        this.targets = targets;
        this.spikes = spikes;
        this.queries = queries;
        this.rows = rows;
        this.enrichment = enrichment;
        this.routing = routing;
    }

    /**
     * Batches told while another is being threaded wait and are then threaded together, in one transaction: when
     * posts arrive slowly, each batch holds only a few, and a transaction per batch cost more than the posts in it.
     * Whoever waits first when the transaction ends threads the next group. When a group fails, each batch of it is
     * tried alone, and when a batch fails, each of its posts, so that one bad post holds up only itself; its event then
     * stays incomplete and is delivered again, when the posts already held change nothing.
     */
    @Async(THREADING)
    @TransactionalEventListener
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void on(PostsCaptured batch) {
        groups.run(batch.posts());
    }

    /** Threads batches together; a single batch that fails is threaded post by post. */
    private void threadBatches(List<List<PostCaptured>> batches) {
        List<PostCaptured> posts = batches.stream().flatMap(List::stream).toList();
        try {
            transactions.executeWithoutResult(tx -> thread(posts));
        } catch (RuntimeException e) {
            if (batches.size() > 1 || posts.size() == 1) {
                throw e;
            }
            log.warn("Threading {} posts together failed ({}); threading them one by one", posts.size(), e.toString());
            RuntimeException failed = null;
            for (PostCaptured post : posts) {
                try {
                    transactions.executeWithoutResult(tx -> thread(List.of(post)));
                } catch (RuntimeException one) {
                    failed = one;
                }
            }
            if (failed != null) {
                throw failed;
            }
        }
    }

    /** The conversation the post now belongs to; empty for a company post outside any thread, or a repeat. */
    public Optional<UUID> capture(PostCaptured post) {
        return thread(List.of(post)).getFirst();
    }

    /**
     * Threads the posts in order in the running transaction, one such transaction at a time; what every post needs to
     * know (which are held already, the teams and whose turn it is) is read once for all of them.
     */
    private List<Optional<UUID>> thread(List<PostCaptured> posts) {
        rows.lockThreading();
        Set<UUID> held = rows.heldPosts(posts.stream().map(PostCaptured::postId).toList());
        RoutingPass pass = routing.pass();
        List<PostCaptured> fresh =
                posts.stream().filter(post -> !held.contains(post.postId())).toList();
        Openings openings = new Openings(rows, fresh);
        List<Optional<UUID>> threaded = posts.stream()
                .map(post -> held.contains(post.postId()) ? Optional.<UUID>empty() : threadLocked(post, pass, openings))
                .toList();
        openings.flush();
        pass.finish();
        return threaded;
    }

    /**
     * A customer's post that answers nothing and is answered by nothing opens a conversation without a round trip;
     * a post that reads or joins conversations first has those opened so far written.
     */
    private Optional<UUID> threadLocked(PostCaptured post, RoutingPass pass, Openings openings) {
        if (post.fromCompany() || post.inReplyToExternalId() != null) {
            openings.flush();
        }
        if (post.fromCompany() && rows.heldMessage(post.connectorId(), post.externalId())) {
            return Optional.empty();
        }
        Optional<UUID> thread = Optional.ofNullable(post.inReplyToExternalId())
                .flatMap(parent -> rows.conversationHolding(post.connectorId(), parent))
                .or(() -> openings.answering(post));
        if (thread.isPresent()) {
            openings.flush();
        }
        if (post.fromCompany()) {
            thread.ifPresent(conversation -> store(conversation, post, "COMPANY", openings));
            return thread;
        }
        if (thread.isPresent()) {
            UUID conversation = thread.get();
            store(conversation, post, "INBOUND", openings);
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
        var topics = new LinkedHashSet<>(verdict.brandTopics());
        topics.addAll(analysis.topics());
        List<String> allTopics = List.copyOf(topics);
        var decision = routing.decide(
                new RoutingRule.Facts(
                        post.channel(),
                        analysis.language(),
                        allTopics,
                        analysis.intents(),
                        analysis.sentiment(),
                        post.authorHandle(),
                        post.text()),
                pass);
        UUID conversation = UUID.randomUUID();
        var history = new ArrayList<Routing.History>();
        history.add(new Routing.History("listening.history.opened", post.channel()));
        history.addAll(decision.history());
        openings.open(new ConversationRows.Opening(
                new ConversationRows.NewConversation(
                        post.connectorId(),
                        post.channel(),
                        post.authorHandle(),
                        post.authorName(),
                        post.text().strip(),
                        analysis.language(),
                        analysis.sentiment(),
                        allTopics.stream().limit(Enrichment.MAX_TOPICS).toList(),
                        analysis.intents(),
                        post.authorHandle() + " " + post.authorName() + " " + post.text(),
                        post.postedAt(),
                        decision.teamId(),
                        decision.assigneeId(),
                        ResponseTargets.dues(decision.targets(), Instant.now())),
                message(conversation, post, "INBOUND"),
                history));
        if (!verdict.matched().isEmpty()) {
            openings.flush(); // the query hits refer to the conversation's row
        }
        queries.recordHits(verdict, post, analysis, conversation);
        spikes.opened(allTopics, analysis.sentiment(), post.postedAt());
        routing.routed(conversation, decision);
        return Optional.of(conversation);
    }

    private void store(UUID conversation, PostCaptured post, String kind, Openings openings) {
        var message = message(conversation, post, kind);
        rows.addMessage(message);
        openings.stored(message);
    }

    private static ConversationRows.NewMessage message(UUID conversation, PostCaptured post, String kind) {
        return new ConversationRows.NewMessage(
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
                post.postedAt());
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
