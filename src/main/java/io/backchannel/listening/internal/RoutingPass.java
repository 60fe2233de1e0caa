package io.backchannel.listening.internal;

import io.backchannel.identity.IdentityManagement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Routing of the conversations one transaction opens: the teams, their members and targets, and whose turn it is are
 * read once for all of them instead of once each, and each team's turn is written back once by {@link #finish}. The
 * turn's row stays locked from its first read to the commit, so round robin stays exact across nodes.
 */
final class RoutingPass {

    private final RoutingRows rows;
    private final IdentityManagement identity;
    private final ResponseTargets targets;
    private final Supplier<Map<UUID, String>> readTeamNames;
    private @Nullable Map<UUID, String> teamNames;
    private final Map<UUID, List<UUID>> members = new HashMap<>();
    private final Map<UUID, Optional<ResponseTargets.Targets>> teamTargets = new HashMap<>();
    private final Map<UUID, Optional<UUID>> turns = new HashMap<>();
    private final Map<UUID, UUID> moved = new HashMap<>();
    private final Map<UUID, String> people = new HashMap<>();

    RoutingPass(
            RoutingRows rows,
            IdentityManagement identity,
            ResponseTargets targets,
            Supplier<Map<UUID, String>> readTeamNames) {
        this.rows = rows;
        this.readTeamNames = readTeamNames;
        this.identity = identity;
        this.targets = targets;
    }

    /** @throws io.backchannel.system.NotFoundException for an unknown team */
    String teamName(UUID teamId) {
        if (teamNames == null) {
            teamNames = readTeamNames.get();
        }
        return Routing.teamName(teamNames, teamId);
    }

    /** The team's members in a fixed order, the order of their turns. */
    List<UUID> members(UUID teamId) {
        return members.computeIfAbsent(
                teamId, team -> identity.teamMembers(team).stream().sorted().toList());
    }

    Optional<ResponseTargets.Targets> targets(UUID teamId) {
        return teamTargets.computeIfAbsent(teamId, targets::targets);
    }

    /** Who had the team's last turn; locks the team's turn until the transaction ends. */
    Optional<UUID> lastTurn(UUID teamId) {
        return turns.computeIfAbsent(teamId, rows::lastAssigneeForUpdate);
    }

    void turnTaken(UUID teamId, UUID accountId) {
        turns.put(teamId, Optional.of(accountId));
        moved.put(teamId, accountId);
    }

    String displayName(UUID accountId) {
        return people.computeIfAbsent(
                accountId, id -> identity.displayNames(List.of(id)).getOrDefault(id, ""));
    }

    /** Writes back the turns taken; call it once, before the transaction commits. */
    void finish() {
        moved.forEach(rows::setLastAssignee);
        moved.clear();
    }
}
