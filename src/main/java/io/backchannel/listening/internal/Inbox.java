package io.backchannel.listening.internal;

import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.TeamSummary;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The inbox as staff see it: pages of conversations with team and assignee names, and the CSV export. */
@Service
@Transactional(readOnly = true)
public class Inbox {

    public static final int PAGE = 50;
    static final int EXPORT_BATCH = 500;
    static final int REVIEW = 100;

    private final InboxRows rows;
    private final IdentityManagement identity;

    Inbox(InboxRows rows, IdentityManagement identity) {
        this.rows = rows;
        this.identity = identity;
    }

    /** A page of the list, with every team (read once per request: its rows and the filter both show them). */
    public Page page(InboxQuery query) {
        var teams = identity.teams();
        var found = rows.page(query, PAGE + 1);
        var items = rows(found.subList(0, Math.min(PAGE, found.size())), names(teams));
        InboxQuery.Cursor next = found.size() > PAGE
                ? new InboxQuery.Cursor(
                        found.get(PAGE - 1).lastMessageAt(), found.get(PAGE - 1).id())
                : null;
        return new Page(items, next, teams);
    }

    /** Every conversation the query finds, in batches, for the CSV export. */
    public void each(InboxQuery query, Consumer<Row> consumer) {
        var teams = names(identity.teams());
        var batch = query;
        while (true) {
            var found = rows.page(batch, EXPORT_BATCH);
            rows(found, teams).forEach(consumer);
            if (found.size() < EXPORT_BATCH) {
                return;
            }
            var last = found.get(found.size() - 1);
            batch = query.after(new InboxQuery.Cursor(last.lastMessageAt(), last.id()));
        }
    }

    public List<Row> unclear() {
        return rows(rows.unclear(REVIEW), names(identity.teams()));
    }

    public List<TeamSummary> teams() {
        return identity.teams();
    }

    public List<UUID> teamsOf(UUID accountId) {
        return identity.teamsOf(accountId).stream().map(TeamSummary::id).toList();
    }

    private static Map<UUID, String> names(List<TeamSummary> teams) {
        return teams.stream().collect(Collectors.toMap(TeamSummary::id, TeamSummary::name));
    }

    private List<Row> rows(List<ConversationRows.Conversation> conversations, Map<UUID, String> teams) {
        Set<UUID> people = new HashSet<>();
        conversations.forEach(c -> {
            if (c.assigneeId() != null) {
                people.add(c.assigneeId());
            }
        });
        Map<UUID, String> names = identity.displayNames(people);
        return conversations.stream()
                .map(c -> new Row(
                        c,
                        c.teamId() == null ? null : teams.get(c.teamId()),
                        c.assigneeId() == null ? null : names.get(c.assigneeId())))
                .toList();
    }

    public record Row(ConversationRows.Conversation conversation, @Nullable String team, @Nullable String assignee) {}

    public record Page(List<Row> items, InboxQuery.@Nullable Cursor next, List<TeamSummary> teams) {}
}
