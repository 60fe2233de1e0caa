package io.backchannel.listening.internal;

import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.TeamSummary;
import io.backchannel.listening.ConversationRouted;
import io.backchannel.system.NotFoundException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends conversations to teams and people: the first routing rule that holds names the team (else the default team),
 * and the team's setting picks the member, in turn or the one with the fewest open conversations. Every change is
 * written to the conversation's history and told as {@link ConversationRouted}.
 */
@Service
@Transactional
public class Routing {

    private final RoutingRows rows;
    private final ConversationRows conversations;
    private final IdentityManagement identity;
    private final ApplicationEventPublisher events;
    private final ResponseTargets targets;

    Routing(
            RoutingRows rows,
            ConversationRows conversations,
            IdentityManagement identity,
            ApplicationEventPublisher events,
            ResponseTargets targets) {
        this.targets = targets;
        this.rows = rows;
        this.conversations = conversations;
        this.identity = identity;
        this.events = events;
    }

    /** A pass for routing the conversations one transaction opens; {@link RoutingPass#finish} it before the commit. */
    RoutingPass pass() {
        return new RoutingPass(rows, identity, targets, this::teamNames);
    }

    /**
     * Where a new conversation goes, by the rules, decided before it is stored so that its row is written once: the
     * team and member, what its history says about it, and the targets that start now.
     */
    Decision decide(RoutingRule.Facts facts, RoutingPass pass) {
        var rule = rows.compiled().first(facts);
        UUID team = rule.map(RoutingRule::teamId).or(rows::defaultTeam).orElse(null);
        if (team == null) {
            return new Decision(
                    null, null, null, Optional.empty(), List.of(new History("listening.history.unrouted", "")));
        }
        var routed = new History(
                rule.isPresent() ? "listening.history.routed-by-rule" : "listening.history.routed-default",
                pass.teamName(team) + rule.map(r -> " · " + r.name()).orElse(""));
        UUID assignee = pick(team, pass).orElse(null);
        return new Decision(
                team,
                assignee,
                rule.map(RoutingRule::id).orElse(null),
                pass.targets(team),
                List.of(routed, assigned(assignee, pass)));
    }

    /** Tells that the stored conversation was routed as decided. */
    void routed(UUID conversationId, Decision decision) {
        if (decision.teamId() != null) {
            events.publishEvent(new ConversationRouted(
                    conversationId, decision.teamId(), decision.assigneeId(), decision.ruleId(), Instant.now()));
        }
    }

    /** A line of a conversation's history. */
    record History(String eventKey, String detail) {}

    /** Where a new conversation goes; no team when no rule holds and there is no default team. */
    record Decision(
            @Nullable UUID teamId,
            @Nullable UUID assigneeId,
            @Nullable UUID ruleId,
            Optional<ResponseTargets.Targets> targets,
            List<History> history) {}

    /**
     * Staff hand a conversation to a team and a person in it; without a person, the team's setting picks one.
     *
     * @throws NotFoundException for an unknown conversation or team, or a person outside the team
     */
    public void reassign(UUID conversationId, UUID teamId, @Nullable UUID assigneeId, UUID staffId) {
        var conversation = conversations
                .conversationForUpdate(conversationId)
                .orElseThrow(() -> new NotFoundException("conversation " + conversationId));
        RoutingPass pass = pass();
        String teamName = pass.teamName(teamId);
        if (assigneeId != null && !pass.members(teamId).contains(assigneeId)) {
            throw new NotFoundException("member " + assigneeId + " of team " + teamId);
        }
        UUID assignee = assigneeId != null ? assigneeId : pick(teamId, pass).orElse(null);
        pass.finish();
        conversations.assign(conversationId, teamId, assignee);
        if (!teamId.equals(conversation.teamId())) {
            conversations.log(conversationId, "listening.history.routed-by-hand", teamName, staffId);
            targets.start(conversationId, teamId, Instant.now());
        }
        History assigned = assigned(assignee, pass);
        conversations.log(conversationId, assigned.eventKey(), assigned.detail(), staffId);
        events.publishEvent(new ConversationRouted(conversationId, teamId, assignee, null, Instant.now()));
    }

    /** The rules or team settings were changed outside this application (SQL, another instance): read them again. */
    public void reload() {
        rows.forget();
    }

    @Transactional(readOnly = true)
    public List<RoutingRule> rules() {
        return rows.rules();
    }

    /** @throws NotFoundException for an unknown team */
    public void addRule(RoutingRule rule) {
        teamName(rule.teamId());
        rows.addRule(rule);
    }

    public void deleteRule(UUID id) {
        if (!rows.deleteRule(id)) {
            throw new NotFoundException("rule " + id);
        }
    }

    /** Moves the rule one place up (earlier, -1) or down (+1); at either end nothing changes. */
    public void move(UUID id, int direction) {
        var rules = new java.util.ArrayList<>(rows.rules());
        int at = -1;
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id().equals(id)) {
                at = i;
            }
        }
        if (at < 0) {
            throw new NotFoundException("rule " + id);
        }
        int to = at + Integer.signum(direction);
        if (to >= 0 && to < rules.size()) {
            java.util.Collections.swap(rules, at, to);
        }
        for (int i = 0; i < rules.size(); i++) {
            rows.setPosition(rules.get(i).id(), i + 1);
        }
    }

    @Transactional(readOnly = true)
    public Map<UUID, RoutingRows.TeamSetting> settings() {
        return rows.settings();
    }

    /** @throws NotFoundException for an unknown team */
    public void configureTeam(UUID teamId, Assignment assignment, boolean isDefault) {
        teamName(teamId);
        rows.saveSetting(teamId, assignment);
        if (isDefault) {
            rows.makeDefault(teamId);
        } else if (rows.defaultTeam().filter(teamId::equals).isPresent()) {
            rows.makeDefault(null);
        }
    }

    @Transactional(readOnly = true)
    public List<TeamSummary> teams() {
        return identity.teams();
    }

    private Optional<UUID> pick(UUID teamId, RoutingPass pass) {
        var members = pass.members(teamId);
        if (members.isEmpty()) {
            return Optional.empty();
        }
        var assignment = Optional.ofNullable(rows.settings().get(teamId))
                .map(RoutingRows.TeamSetting::assignment)
                .orElse(Assignment.ROUND_ROBIN);
        Optional<UUID> last = pass.lastTurn(teamId);
        UUID next;
        if (assignment == Assignment.LEAST_LOADED) {
            var load = rows.load(members);
            next = members.stream()
                    .min(Comparator.comparingLong((UUID member) -> load.getOrDefault(member, 0L)))
                    .orElseThrow();
        } else {
            int after = last.map(members::indexOf).orElse(-1);
            next = members.get((after + 1) % members.size());
        }
        pass.turnTaken(teamId, next);
        return Optional.of(next);
    }

    private static History assigned(@Nullable UUID assignee, RoutingPass pass) {
        return assignee == null
                ? new History("listening.history.unassigned", "")
                : new History("listening.history.assigned", pass.displayName(assignee));
    }

    /** @throws NotFoundException for an unknown team */
    @Transactional(readOnly = true)
    public String teamName(UUID teamId) {
        return teamName(teamNames(), teamId);
    }

    /** @throws NotFoundException for a team not among {@code names} */
    static String teamName(Map<UUID, String> names, UUID teamId) {
        return Optional.ofNullable(names.get(teamId)).orElseThrow(() -> new NotFoundException("team " + teamId));
    }

    /** Team names by ID, for showing conversations. */
    @Transactional(readOnly = true)
    public Map<UUID, String> teamNames() {
        return identity.teams().stream().collect(Collectors.toMap(TeamSummary::id, TeamSummary::name));
    }
}
