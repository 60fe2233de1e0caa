package io.backchannel.ideas.internal;

import io.backchannel.identity.AccountSummary;
import io.backchannel.identity.IdentityManagement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds bursts of votes on one idea that deserve a look: many votes within a short window from new accounts, from one
 * network, or from one device fingerprint. Votes on one's own idea and votes without a recorded origin are left out
 * of the network and device checks.
 */
@Component
@Transactional(readOnly = true)
public class SuspiciousVotes {

    /** More votes than this in the look-back period are not examined, to keep the report's cost bounded. */
    static final int MAX_VOTES = 100_000;

    private final JdbcClient jdbc;
    private final IdentityManagement identity;
    private final Settings settings;

    SuspiciousVotes(
            JdbcClient jdbc,
            IdentityManagement identity,
            @Value("${backchannel.ideas.suspicious.window:1h}") Duration window,
            @Value("${backchannel.ideas.suspicious.min-votes:5}") int minVotes,
            @Value("${backchannel.ideas.suspicious.new-account-age:7d}") Duration newAccountAge,
            @Value("${backchannel.ideas.suspicious.lookback:30d}") Duration lookback) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.settings = new Settings(window, Math.max(2, minVotes), newAccountAge, lookback);
    }

    public Settings settings() {
        return settings;
    }

    /** The bursts of the look-back period, largest first. */
    public List<Burst> report() {
        List<Vote> votes = jdbc.sql(
                        """
                        select v.idea_id, i.number, i.title, v.account_id, v.cast_at, v.network_hash, v.device_hash
                        from ideas_vote v join ideas_idea i on i.id = v.idea_id
                        where v.cast_at > ? and v.account_id <> i.author_id order by v.cast_at desc limit ?""")
                .params(Timestamp.from(Instant.now().minus(settings.lookback())), MAX_VOTES)
                .query((rs, row) -> new Vote(
                        rs.getObject("idea_id", UUID.class),
                        rs.getLong("number"),
                        rs.getString("title"),
                        rs.getObject("account_id", UUID.class),
                        rs.getTimestamp("cast_at").toInstant(),
                        rs.getString("network_hash"),
                        rs.getString("device_hash")))
                .list();
        votes = new ArrayList<>(votes);
        java.util.Collections.reverse(votes);
        Set<UUID> voters = votes.stream().map(Vote::accountId).collect(Collectors.toSet());
        Map<UUID, Instant> registered = identity.registeredAt(voters);
        List<Found> found = new ArrayList<>();
        for (var ofIdea : group(votes, Vote::ideaId).values()) {
            found.addAll(bursts(
                    Kind.NEW_ACCOUNTS,
                    ofIdea.stream()
                            .filter(vote -> isNew(registered.get(vote.accountId()), vote.castAt()))
                            .toList()));
            for (var fromNetwork :
                    group(withKey(ofIdea, Vote::networkHash), Vote::networkHash).values()) {
                found.addAll(bursts(Kind.SAME_NETWORK, fromNetwork));
            }
            for (var fromDevice :
                    group(withKey(ofIdea, Vote::deviceHash), Vote::deviceHash).values()) {
                found.addAll(bursts(Kind.SAME_DEVICE, fromDevice));
            }
        }
        Set<UUID> involved = new HashSet<>();
        found.forEach(burst -> burst.votes().forEach(vote -> involved.add(vote.accountId())));
        Map<UUID, AccountSummary> accounts =
                identity.accounts(involved).stream().collect(Collectors.toMap(AccountSummary::id, Function.identity()));
        return found.stream()
                .map(burst -> burst.view(accounts))
                .sorted(Comparator.comparingInt(Burst::votes)
                        .reversed()
                        .thenComparing(Burst::to, Comparator.reverseOrder()))
                .toList();
    }

    private boolean isNew(@Nullable Instant registeredAt, Instant castAt) {
        return registeredAt != null
                && registeredAt.plus(settings.newAccountAge()).isAfter(castAt);
    }

    /** The largest run of votes within the window, if it reaches the threshold (votes are in time order). */
    private List<Found> bursts(Kind kind, List<Vote> votes) {
        int bestStart = 0;
        int bestEnd = 0;
        for (int start = 0, end = 0; end < votes.size(); end++) {
            while (Duration.between(votes.get(start).castAt(), votes.get(end).castAt())
                            .compareTo(settings.window())
                    > 0) {
                start++;
            }
            if (end - start > bestEnd - bestStart) {
                bestStart = start;
                bestEnd = end;
            }
        }
        if (votes.isEmpty() || bestEnd - bestStart + 1 < settings.minVotes()) {
            return List.of();
        }
        return List.of(new Found(kind, votes.subList(bestStart, bestEnd + 1)));
    }

    private static List<Vote> withKey(List<Vote> votes, Function<Vote, @Nullable String> key) {
        return votes.stream().filter(vote -> key.apply(vote) != null).toList();
    }

    private static <K> Map<K, List<Vote>> group(List<Vote> votes, Function<Vote, K> key) {
        return votes.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
    }

    /** Why a burst is reported. */
    public enum Kind {
        NEW_ACCOUNTS,
        SAME_NETWORK,
        SAME_DEVICE
    }

    /** The thresholds of the report, from configuration. */
    public record Settings(Duration window, int minVotes, Duration newAccountAge, Duration lookback) {}

    /** One burst as the report shows it; accounts as "name <address>". */
    public record Burst(
            long number, String title, Kind kind, int votes, Instant from, Instant to, List<String> accounts) {}

    private record Vote(
            UUID ideaId,
            long number,
            String title,
            UUID accountId,
            Instant castAt,
            @Nullable String networkHash,
            @Nullable String deviceHash) {}

    private record Found(Kind kind, List<Vote> votes) {

        Burst view(Map<UUID, AccountSummary> accounts) {
            var first = votes.getFirst();
            return new Burst(
                    first.number(),
                    first.title(),
                    kind,
                    votes.size(),
                    first.castAt(),
                    votes.getLast().castAt(),
                    votes.stream()
                            .map(vote -> accounts.get(vote.accountId()))
                            .filter(java.util.Objects::nonNull)
                            .map(account -> account.displayName() + " <" + account.email() + ">")
                            .toList());
        }
    }
}
