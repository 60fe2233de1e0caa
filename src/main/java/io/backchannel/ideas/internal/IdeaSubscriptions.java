package io.backchannel.ideas.internal;

import io.backchannel.system.NotFoundException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Following ideas: subscribe and unsubscribe on the page or by a mail's link, and the account's mail settings. */
@Service
@Transactional
public class IdeaSubscriptions {

    private final Ideas ideas;
    private final Subscriptions subscriptions;
    private final IdeaLinks links;

    IdeaSubscriptions(Ideas ideas, Subscriptions subscriptions, IdeaLinks links) {
        this.ideas = ideas;
        this.subscriptions = subscriptions;
        this.links = links;
    }

    @Transactional(readOnly = true)
    public boolean subscribed(long number, UUID accountId) {
        return subscriptions.subscribed(idea(number).id(), accountId);
    }

    public void choose(long number, UUID accountId, boolean subscribed) {
        subscriptions.choose(idea(number).id(), accountId, subscribed);
    }

    @Transactional(readOnly = true)
    public NotificationSettings settings(UUID accountId) {
        return subscriptions.settings(accountId);
    }

    public void saveSettings(UUID accountId, NotificationSettings settings) {
        subscriptions.saveSettings(accountId, settings);
    }

    /** What an unsubscribe link would do, for the confirmation page; changes nothing. */
    @Transactional(readOnly = true)
    public UnsubscribeLink check(String token) {
        return resolve(links.read(token)).link();
    }

    /** Unsubscribes the link's account from the link's idea; a second click changes nothing more. */
    public UnsubscribeLink unsubscribe(String token) {
        var resolved = resolve(links.read(token));
        if (resolved.ideaId() != null && resolved.accountId() != null) {
            subscriptions.choose(resolved.ideaId(), resolved.accountId(), false);
        }
        return resolved.link();
    }

    private Resolved resolve(IdeaLinks.Reading reading) {
        if (reading.state() != LinkState.VALID) {
            return new Resolved(new UnsubscribeLink(reading.state(), 0, ""), null, null);
        }
        return ideas.byNumber(reading.number())
                .map(idea -> new Resolved(
                        new UnsubscribeLink(LinkState.VALID, idea.number(), idea.title()),
                        idea.id(),
                        reading.accountId()))
                .orElseGet(() -> new Resolved(new UnsubscribeLink(LinkState.INVALID, 0, ""), null, null));
    }

    private Ideas.IdeaDetail idea(long number) {
        return ideas.byNumber(number).orElseThrow(() -> new NotFoundException("idea " + number));
    }

    public enum LinkState {
        VALID,
        EXPIRED,
        INVALID
    }

    public record UnsubscribeLink(LinkState state, long number, String title) {}

    private record Resolved(UnsubscribeLink link, @Nullable UUID ideaId, @Nullable UUID accountId) {}
}
