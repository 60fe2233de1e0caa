package io.backchannel.listening.web;

import io.backchannel.ideas.BoardSummary;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.listening.internal.Goodwill;
import io.backchannel.listening.internal.InboxIdeas;
import io.backchannel.listening.internal.Satisfaction;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * What the conversation page's idea, satisfaction and goodwill boxes show, as {@code @conversationPanels} in their
 * fragments, so that each box is one line in the page and its controller need not know them. Public, as templates
 * call it by reflection.
 */
@Component("conversationPanels")
public class ConversationPanels {

    private final InboxIdeas ideas;
    private final Satisfaction satisfaction;
    private final Goodwill goodwill;

    ConversationPanels(InboxIdeas ideas, Satisfaction satisfaction, Goodwill goodwill) {
        this.ideas = ideas;
        this.satisfaction = satisfaction;
        this.goodwill = goodwill;
    }

    public IdeaPanel idea(UUID conversationId) {
        var linked = ideas.linked(conversationId);
        return new IdeaPanel(
                linked.orElse(null),
                linked.isPresent() ? List.of() : ideas.boards(),
                linked.isPresent() ? null : ideas.draft(conversationId));
    }

    public Optional<Satisfaction.Answer> satisfaction(UUID conversationId) {
        return satisfaction.answer(conversationId);
    }

    public GoodwillPanel goodwill(UUID conversationId) {
        var principal = SecurityContextHolder.getContext().getAuthentication() == null
                ? null
                : SecurityContextHolder.getContext().getAuthentication().getPrincipal();
        var remaining = principal instanceof SignedInAccount account ? goodwill.remaining(account.id()) : null;
        return new GoodwillPanel(
                remaining == null ? null : remaining.orElse(null),
                goodwill.grantsOf(conversationId),
                Goodwill.REASON_MAX);
    }

    public record IdeaPanel(@Nullable Long number, List<BoardSummary> boards, InboxIdeas.@Nullable Draft draft) {}

    public record GoodwillPanel(
            Goodwill.@Nullable Remaining remaining, List<Goodwill.GrantView> grants, int reasonMax) {}
}
