package io.backchannel.ideas.internal;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything an idea's own page shows, read in one transaction: the idea, its discussion, its merges and whether the
 * viewer follows it. Read one by one they opened three transactions per page view.
 */
@Service
@Transactional(readOnly = true)
public class IdeaPages {

    private final IdeaFinder finder;
    private final Discussion discussion;
    private final IdeaMerges merges;
    private final IdeaSubscriptions subscriptions;

    IdeaPages(IdeaFinder finder, Discussion discussion, IdeaMerges merges, IdeaSubscriptions subscriptions) {
        this.finder = finder;
        this.discussion = discussion;
        this.merges = merges;
        this.subscriptions = subscriptions;
    }

    public Shown page(long number, @Nullable UUID viewer) {
        return new Shown(
                finder.idea(number, viewer),
                discussion.conversation(number, viewer),
                merges.notes(number),
                viewer != null && subscriptions.subscribed(number, viewer));
    }

    public record Shown(
            IdeaFinder.IdeaPage idea,
            Discussion.Conversation discussion,
            IdeaMerges.MergeNotes merges,
            boolean subscribed) {}
}
