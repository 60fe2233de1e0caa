package io.backchannel.blog.internal;

import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.NotFoundException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Following an incident by e-mail. Accounts follow at once with their own address; guests confirm theirs with the
 * link of a mail first (double opt-in), so that nobody can sign up someone else. Whether an address already follows
 * is never told, so the form reveals nothing about other people.
 */
@Service
@Transactional
public class IncidentSubscriptions {

    private static final int MAX_EMAIL = 254;
    private static final Pattern EMAIL =
            Pattern.compile("[^\\s\\p{Cntrl}@<>\"]+@[^\\s\\p{Cntrl}@<>\"]+\\.[^\\s\\p{Cntrl}@<>\".]+");

    private final Incidents incidents;
    private final Followers followers;
    private final IncidentLinks links;
    private final IncidentMails mails;
    private final IdentityManagement identity;

    IncidentSubscriptions(
            Incidents incidents,
            Followers followers,
            IncidentLinks links,
            IncidentMails mails,
            IdentityManagement identity) {
        this.incidents = incidents;
        this.followers = followers;
        this.links = links;
        this.mails = mails;
        this.identity = identity;
    }

    public enum Outcome {
        SUBSCRIBED,
        CONFIRMATION_SENT
    }

    /** Follows the incident: the account's own address, or the guest's after confirmation. */
    public Outcome subscribe(long number, @Nullable SignedInAccount account, String email, Locale locale) {
        var incident = incidents.byNumber(number).orElseThrow(() -> new NotFoundException("incident " + number));
        if (!incident.status().open()) {
            throw new IncidentRefused(Map.of("email", "blog.incident.subscribe.closed"));
        }
        if (account != null) {
            var summary = identity.accounts(List.of(account.id())).getFirst();
            followers.add(
                    incident.id(), summary.email().toLowerCase(Locale.ROOT), account.id(), summary.locale(), true);
            return Outcome.SUBSCRIBED;
        }
        String address = email.strip().toLowerCase(Locale.ROOT);
        if (address.isEmpty()) {
            throw new IncidentRefused(Map.of("email", "validation.required"));
        }
        if (address.length() > MAX_EMAIL || !EMAIL.matcher(address).matches()) {
            throw new IncidentRefused(Map.of("email", "validation.email"));
        }
        var follower = followers.add(incident.id(), address, null, locale.getLanguage(), false);
        if (!follower.confirmed()) {
            mails.confirmation(incident, follower);
        }
        return Outcome.CONFIRMATION_SENT;
    }

    /** What a confirmation link would do, for its page; changes nothing. */
    @Transactional(readOnly = true)
    public Link checkConfirmation(String token) {
        return resolve(IncidentLinks.Purpose.CONFIRM, token).link();
    }

    public Link confirm(String token) {
        var resolved = resolve(IncidentLinks.Purpose.CONFIRM, token);
        if (resolved.followerId() != null) {
            followers.confirm(resolved.followerId());
        }
        return resolved.link();
    }

    /** What an unsubscribe link would do, for its page; changes nothing. */
    @Transactional(readOnly = true)
    public Link checkUnsubscribe(String token) {
        return resolve(IncidentLinks.Purpose.UNSUBSCRIBE, token).link();
    }

    /** Ends the link's subscription; a second click finds nothing more to end and says the same. */
    public Link unsubscribe(String token) {
        var resolved = resolve(IncidentLinks.Purpose.UNSUBSCRIBE, token);
        if (resolved.followerId() != null) {
            followers.remove(resolved.followerId());
        }
        return resolved.link();
    }

    private Resolved resolve(IncidentLinks.Purpose purpose, String token) {
        var reading = links.read(purpose, token);
        if (reading.state() != State.VALID) {
            return new Resolved(new Link(reading.state(), null), null);
        }
        var incident = incidents.byNumber(reading.number()).orElse(null);
        if (incident == null) {
            return new Resolved(new Link(State.INVALID, null), null);
        }
        // A removed subscription still makes a valid link: unsubscribing twice is no error.
        UUID followerId = followers
                .byId(reading.subscriptionId(), incident.id())
                .map(Followers.Follower::id)
                .orElse(null);
        if (purpose == IncidentLinks.Purpose.CONFIRM && followerId == null) {
            return new Resolved(new Link(State.INVALID, null), null);
        }
        return new Resolved(new Link(State.VALID, incident), followerId);
    }

    public enum State {
        VALID,
        EXPIRED,
        INVALID
    }

    /** A link's state and, when valid, its incident. */
    public record Link(State state, @Nullable Incident incident) {}

    private record Resolved(Link link, @Nullable UUID followerId) {}
}
