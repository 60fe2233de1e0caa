package io.backchannel.ideas.internal;

import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.TeamSummary;
import io.backchannel.system.NotFoundException;
import io.backchannel.text.SafeMarkdown;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff's side of new ideas: the queue of ideas nobody has acknowledged yet, with a due date per idea (its submission
 * plus the acknowledgement target), assignment to a team, and internal notes that customers never see.
 */
@Service
@Transactional
public class Triage {

    static final int QUEUE = 200;
    public static final int BULK = 100;

    private final TriageRows rows;
    private final IdentityManagement identity;
    private final Duration target;

    Triage(
            TriageRows rows,
            IdentityManagement identity,
            @Value("${backchannel.ideas.acknowledge-target:7d}") Duration target) {
        this.rows = rows;
        this.identity = identity;
        this.target = target;
    }

    @Transactional(readOnly = true)
    public Queue queue(@Nullable String board, @Nullable UUID team, boolean overdueOnly) {
        var filter = new TriageRows.Filter(board == null || board.isBlank() ? null : board, team, overdueOnly);
        Instant dueBefore = Instant.now().minus(target);
        var waiting = rows.waiting(filter, dueBefore, QUEUE);
        var counts = rows.counts(filter, dueBefore);
        Set<UUID> authors = new HashSet<>();
        waiting.forEach(idea -> authors.add(idea.authorId()));
        Map<UUID, String> names = identity.displayNames(authors);
        Map<UUID, String> teams = teamNames();
        var items = waiting.stream()
                .map(idea -> new QueueItem(
                        idea.number(),
                        idea.title(),
                        idea.categoryName(),
                        names.getOrDefault(idea.authorId(), ""),
                        idea.teamId() == null ? null : teams.get(idea.teamId()),
                        idea.createdAt(),
                        idea.createdAt().plus(target),
                        idea.createdAt().isBefore(dueBefore)))
                .toList();
        return new Queue(items, counts.waiting(), counts.overdue(), target.toDays());
    }

    public void acknowledge(long number, UUID staffId) {
        triaged(number);
        rows.acknowledge(number, staffId);
    }

    /** Assigns the ideas to the team, or to no team with {@code null}. */
    public void assign(Collection<Long> numbers, @Nullable UUID teamId) {
        var distinct = Set.copyOf(numbers);
        if (distinct.isEmpty() || distinct.size() > BULK) {
            throw new IllegalArgumentException("Between 1 and " + BULK + " ideas, not " + distinct.size());
        }
        if (teamId != null && !teamNames().containsKey(teamId)) {
            throw new NotFoundException("team " + teamId);
        }
        if (rows.assign(distinct, teamId) != distinct.size()) {
            throw new NotFoundException("ideas " + numbers);
        }
    }

    public void addNote(long number, UUID staffId, String markdown) {
        String body = markdown.strip();
        rows.addNote(triaged(number).id(), staffId, body, SafeMarkdown.toHtml(body));
    }

    /** What staff see in the box on an idea's page: acknowledgement, team and the internal notes. */
    @Transactional(readOnly = true)
    public StaffBox staffBox(long number) {
        var idea = triaged(number);
        var notes = rows.notes(idea.id());
        Set<UUID> people = new HashSet<>();
        notes.forEach(note -> people.add(note.authorId()));
        if (idea.acknowledgedBy() != null) {
            people.add(idea.acknowledgedBy());
        }
        Map<UUID, String> names = identity.displayNames(people);
        return new StaffBox(
                idea.acknowledgedAt(),
                idea.acknowledgedBy() == null ? null : names.getOrDefault(idea.acknowledgedBy(), ""),
                idea.createdAt().plus(target),
                idea.teamId(),
                teams(),
                notes.stream()
                        .map(note -> new NoteView(
                                names.getOrDefault(note.authorId(), ""), note.bodyHtml(), note.createdAt()))
                        .toList());
    }

    @Transactional(readOnly = true)
    public List<TeamSummary> teams() {
        return identity.teams();
    }

    private Map<UUID, String> teamNames() {
        var names = new HashMap<UUID, String>();
        identity.teams().forEach(team -> names.put(team.id(), team.name()));
        return names;
    }

    private TriageRows.Triaged triaged(long number) {
        return rows.triaged(number).orElseThrow(() -> new NotFoundException("idea " + number));
    }

    public record Queue(List<QueueItem> items, long waiting, long overdue, long targetDays) {}

    public record QueueItem(
            long number,
            String title,
            String category,
            String author,
            @Nullable String team,
            Instant createdAt,
            Instant due,
            boolean overdue) {}

    public record StaffBox(
            @Nullable Instant acknowledgedAt,
            @Nullable String acknowledgedBy,
            Instant due,
            @Nullable UUID team,
            List<TeamSummary> teams,
            List<NoteView> notes) {}

    public record NoteView(String author, String bodyHtml, Instant createdAt) {}
}
