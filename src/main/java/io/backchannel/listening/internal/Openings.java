package io.backchannel.listening.internal;

import io.backchannel.channels.PostCaptured;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What one threading transaction opens and stores, so that its posts need no look-up and no round trip each: the
 * conversations it opens are sent to the database together when it ends (or before anything reads or refers to
 * them), and the answers it holds, read once for all its posts and added to as it stores more, tell a post whose
 * answer came first which conversation to join. One post after another made threading the slowest step between a
 * webhook and the inbox, waiting on two round trips a post.
 */
final class Openings {

    private final ConversationRows rows;
    private final Map<ConversationRows.PostKey, UUID> answering;
    private final List<ConversationRows.Opening> pending = new ArrayList<>();

    Openings(ConversationRows rows, List<PostCaptured> posts) {
        this.rows = rows;
        this.answering = new HashMap<>(rows.conversationsAnswering(posts.stream()
                .map(post -> new ConversationRows.PostKey(post.connectorId(), post.externalId()))
                .distinct()
                .toList()));
    }

    /** The conversation holding an answer to the post: the answer came first. */
    Optional<UUID> answering(PostCaptured post) {
        return Optional.ofNullable(answering.get(new ConversationRows.PostKey(post.connectorId(), post.externalId())));
    }

    /** The message is stored (or about to be): a post it answers, threaded later, joins its conversation. */
    void stored(ConversationRows.NewMessage message) {
        String parent = message.inReplyToExternalId();
        if (parent != null) {
            answering.putIfAbsent(
                    new ConversationRows.PostKey(message.connectorId(), parent), message.conversationId());
        }
    }

    void open(ConversationRows.Opening opening) {
        pending.add(opening);
        stored(opening.first());
    }

    /** Writes the conversations waiting to be opened. */
    void flush() {
        if (!pending.isEmpty()) {
            rows.openAll(List.copyOf(pending));
            pending.clear();
        }
    }
}
