package io.backchannel.ideas.internal;

import io.backchannel.ideas.IdeaCommented;
import io.backchannel.ideas.IdeaStatusChanged;
import io.backchannel.ideas.IdeaSubmitted;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Badges computed from what people did on the portal; nobody awards them by hand, and nothing is stored for them.
 *
 * <ul>
 *   <li><b>First idea</b>: posted at least one idea.
 *   <li><b>Idea implemented</b>: at least one of their ideas is implemented, fully or partly.
 *   <li><b>Top contributor of a month</b>: of everyone who posted ideas in a calendar month (in the site's time zone),
 *       their ideas of that month received the highest net score from other people's votes (the author's own promote
 *       does not count); ties share the badge, and a month whose best net score is zero has no top contributor. The
 *       running month counts too, so its leader may still change.
 *   <li><b>Helpful commenter</b>: commented (as a customer, not as staff) on at least N ideas of other people before
 *       they were implemented ({@code backchannel.ideas.badges.helpful-comments}).
 * </ul>
 *
 * The first, second and fourth rules are per-person look-ups on indexed columns, answered for all people on a page in
 * one query and remembered for a minute (forgotten at once when this node sees an idea posted, answered or commented
 * on). The monthly leaders need the votes of every idea, so they are computed for the whole portal at most once
 * per {@code backchannel.ideas.badges.leaders-refresh} and held in memory (on each node): leaders change slowly, and
 * the portal publishes no event per vote that could keep a materialised table current.
 */
@Component
public class Badges {

    /** How long a node shows a person's activity badges without asking the database again (other nodes' changes). */
    static final Duration PERSON_TTL = Duration.ofMinutes(1);

    static final int MAX_PEOPLE = 100_000;

    private final JdbcClient jdbc;
    private final int helpfulComments;
    private final Duration leadersRefresh;
    private final String zone;
    private final AtomicBoolean counting = new AtomicBoolean();
    private volatile @Nullable Leaders leaders;
    private final Map<UUID, Known> activity = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    Badges(
            JdbcClient jdbc,
            @Value("${backchannel.ideas.badges.helpful-comments:3}") int helpfulComments,
            @Value("${backchannel.ideas.badges.leaders-refresh:10m}") Duration leadersRefresh,
            SiteZone zone) {
        this.jdbc = jdbc;
        this.helpfulComments = Math.max(1, helpfulComments);
        this.leadersRefresh = leadersRefresh;
        this.zone = zone.zone().getId();
    }

    /** The badges of each of these people; people without badges are left out. */
    public PeopleBadges of(Collection<UUID> people) {
        if (people.isEmpty()) {
            return new PeopleBadges(Map.of());
        }
        var months = leaders().months();
        Map<UUID, List<Badge>> badges = new HashMap<>();
        for (var entry : activity(people).entrySet()) {
            var led = months.get(entry.getKey());
            Map<Kind, List<YearMonth>> earned = new EnumMap<>(Kind.class);
            entry.getValue().forEach(kind -> earned.put(kind, List.of()));
            if (led != null) {
                earned.put(Kind.TOP_CONTRIBUTOR, led);
            }
            if (!earned.isEmpty()) {
                badges.put(
                        entry.getKey(),
                        earned.entrySet().stream()
                                .map(badge -> new Badge(badge.getKey(), badge.getValue()))
                                .toList());
            }
        }
        return new PeopleBadges(badges);
    }

    /**
     * The activity badges of each person (all but the monthly leaders), from memory where known for less than {@link
     * #PERSON_TTL}, the others in one query. An idea page names its author and every commenter, so without this each
     * view of it asked the database about all of them again.
     */
    private Map<UUID, Set<Kind>> activity(Collection<UUID> people) {
        long now = System.nanoTime();
        long generationBefore = generation.get();
        Map<UUID, Set<Kind>> result = new HashMap<>();
        List<UUID> unknown = new ArrayList<>();
        for (UUID person : people) {
            var known = activity.get(person);
            if (known != null && now - known.at() < PERSON_TTL.toNanos()) {
                result.put(person, known.kinds());
            } else {
                unknown.add(person);
            }
        }
        if (unknown.isEmpty()) {
            return result;
        }
        Map<UUID, Set<Kind>> fresh = new HashMap<>();
        unknown.forEach(person -> fresh.put(person, EnumSet.noneOf(Kind.class)));
        jdbc.sql(
                        """
                        select distinct author_id as account_id, 'FIRST_IDEA' as badge from ideas_idea
                        where author_id in (:people)
                        union all
                        select distinct author_id, 'IDEA_IMPLEMENTED' from ideas_idea
                        where author_id in (:people) and implemented_at is not null
                        union all
                        select k.author_id, 'HELPFUL_COMMENTER' from ideas_comment k join ideas_idea i on i.id = k.idea_id
                        where k.author_id in (:people) and not k.staff and k.author_id <> i.author_id
                          and i.implemented_at is not null and k.created_at <= i.implemented_at
                        group by k.author_id having count(distinct i.id) >= :helpful""")
                .param("people", unknown)
                .param("helpful", helpfulComments)
                .query((rs, row) ->
                        Map.entry(rs.getObject("account_id", UUID.class), Kind.valueOf(rs.getString("badge"))))
                .list()
                .forEach(badge -> fresh.get(badge.getKey()).add(badge.getValue()));
        // A count begun before a change was forgotten may show the old state: it answers this page, but is not kept.
        if (generation.get() == generationBefore) {
            if (activity.size() + fresh.size() > MAX_PEOPLE) {
                activity.clear();
            }
            fresh.forEach((person, kinds) -> activity.put(person, new Known(now, kinds)));
        }
        result.putAll(fresh);
        return result;
    }

    /**
     * Ideas posted, answered or commented on change badges: what this node remembers is counted again, now and once
     * more when the writing transaction has ended, so that a count made in between from the old state is not kept.
     */
    @EventListener({IdeaSubmitted.class, IdeaStatusChanged.class, IdeaCommented.class})
    void forget() {
        forgetNow();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forgetNow();
                }
            });
        }
    }

    private void forgetNow() {
        generation.incrementAndGet();
        activity.clear();
    }

    /** How many implemented ideas of others a helpful commenter commented on, for the badge's explanation. */
    public int helpfulComments() {
        return helpfulComments;
    }

    public List<Badge> of(UUID person) {
        return of(List.of(person)).of(person);
    }

    /**
     * The monthly leaders as last counted. The first request counts them; later, a stale count is still served while
     * one background thread counts again, so that no page waits for the count. A zero refresh counts on every call.
     */
    private Leaders leaders() {
        var current = leaders;
        if (leadersRefresh.isZero()) {
            return countLeaders();
        }
        if (current == null) {
            return firstLeaders();
        }
        if (!current.computedAt().plus(leadersRefresh).isAfter(Instant.now()) && counting.compareAndSet(false, true)) {
            Thread.ofVirtual().name("badge-leaders").start(() -> {
                try {
                    countLeaders();
                } finally {
                    counting.set(false);
                }
            });
        }
        return current;
    }

    /**
     * The first count, made once: requests that arrive while it runs wait for it instead of each counting again over
     * every vote (which, with many visitors at once, queued one full count per request).
     */
    private synchronized Leaders firstLeaders() {
        var current = leaders;
        return current != null ? current : countLeaders();
    }

    private synchronized Leaders countLeaders() {
        var current = new Leaders(Instant.now(), monthlyLeaders());
        leaders = current;
        return current;
    }

    private Map<UUID, List<YearMonth>> monthlyLeaders() {
        Map<UUID, List<YearMonth>> months = new HashMap<>();
        jdbc.sql(
                        """
                        with received as (
                            select author_id, month, sum(value) as received from (
                                select i.author_id, to_char(i.created_at at time zone :zone, 'YYYY-MM') as month,
                                       v.value
                                from ideas_idea i
                                join ideas_vote v on v.idea_id = i.id and v.account_id <> i.author_id
                            ) votes group by author_id, month
                        )
                        select author_id, month from (
                            select author_id, month, received,
                                   rank() over (partition by month order by received desc) as place
                            from received
                        ) ranked where place = 1 and received > 0 order by month desc""")
                .param("zone", zone)
                .query((rs, row) ->
                        Map.entry(rs.getObject("author_id", UUID.class), YearMonth.parse(rs.getString("month"))))
                .list()
                .forEach(led -> months.computeIfAbsent(led.getKey(), id -> new ArrayList<>())
                        .add(led.getValue()));
        return months;
    }

    private record Leaders(Instant computedAt, Map<UUID, List<YearMonth>> months) {}

    private record Known(long at, Set<Kind> kinds) {}

    public enum Kind {
        FIRST_IDEA("ideas.badge.FIRST_IDEA", "ideas.badge.FIRST_IDEA.explanation"),
        IDEA_IMPLEMENTED("ideas.badge.IDEA_IMPLEMENTED", "ideas.badge.IDEA_IMPLEMENTED.explanation"),
        TOP_CONTRIBUTOR("ideas.badge.TOP_CONTRIBUTOR", "ideas.badge.TOP_CONTRIBUTOR.explanation"),
        HELPFUL_COMMENTER("ideas.badge.HELPFUL_COMMENTER", "ideas.badge.HELPFUL_COMMENTER.explanation");

        private final String nameKey;
        private final String explanationKey;

        /** Message keys, spelled out so that a search for a key finds its use. */
        Kind(String nameKey, String explanationKey) {
            this.nameKey = nameKey;
            this.explanationKey = explanationKey;
        }

        public String nameKey() {
            return nameKey;
        }

        public String explanationKey() {
            return explanationKey;
        }
    }

    /** One badge; {@code months} are the months a top contributor led, the latest first. */
    public record Badge(Kind kind, List<YearMonth> months) {

        /** The months as dates in their middle, for {@code {0,date,MMMM yyyy}} in any zone. */
        public List<Date> monthDates() {
            return months.stream()
                    .map(month -> Date.from(month.atDay(15).atTime(12, 0).toInstant(ZoneOffset.UTC)))
                    .toList();
        }
    }

    /** Badges by person, for pages that show many people. */
    public record PeopleBadges(Map<UUID, List<Badge>> byPerson) {

        public List<Badge> of(UUID person) {
            return byPerson.getOrDefault(person, List.of());
        }
    }
}
