package io.backchannel.listening.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Routing rules and the teams' inbox settings. Every new conversation needs the rules and the settings, which change
 * rarely: they are read once and kept (the rules compiled) until a write through this class or {@link #forget()}.
 */
@Repository
class RoutingRows {

    private final JdbcClient jdbc;
    private volatile RoutingRule.@Nullable Compiled compiled;
    private volatile @Nullable Map<UUID, TeamSetting> settings;

    RoutingRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The rules were changed elsewhere (SQL, another instance): read them again. */
    void forget() {
        compiled = null;
        settings = null;
    }

    /**
     * Forgets now and again when the writing transaction ends: a reader in between may have kept the rows as they were
     * before the commit.
     */
    private void changed() {
        forget();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget();
                }
            });
        }
    }

    /** The rules in order, compiled; read from the database only after a change. */
    RoutingRule.Compiled compiled() {
        var known = compiled;
        if (known == null) {
            known = RoutingRule.Compiled.of(rules());
            compiled = known;
        }
        return known;
    }

    List<RoutingRule> rules() {
        return jdbc.sql(
                        """
                        select id, position, name, channel, language, topic, intent, sentiment, author, keywords, team_id
                        from listening_routing_rule order by position, created_at
                        """)
                .query(RoutingRule.class)
                .list();
    }

    void addRule(RoutingRule rule) {
        changed();
        jdbc.sql(
                        """
                        insert into listening_routing_rule (id, position, name, channel, language, topic, intent,
                            sentiment, author, keywords, team_id)
                        values (?, (select coalesce(max(position), 0) + 1 from listening_routing_rule),
                            ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        rule.id(),
                        rule.name(),
                        rule.channel(),
                        rule.language(),
                        rule.topic(),
                        rule.intent(),
                        rule.sentiment(),
                        rule.author(),
                        rule.keywords(),
                        rule.teamId())
                .update();
    }

    boolean deleteRule(UUID id) {
        changed();
        return jdbc.sql("delete from listening_routing_rule where id = ?")
                        .param(id)
                        .update()
                == 1;
    }

    void setPosition(UUID id, int position) {
        changed();
        jdbc.sql("update listening_routing_rule set position = ? where id = ?")
                .params(position, id)
                .update();
    }

    /** Each team's setting, read from the database only after a change. */
    Map<UUID, TeamSetting> settings() {
        var known = settings;
        if (known == null) {
            known = Map.copyOf(readSettings());
            settings = known;
        }
        return known;
    }

    private Map<UUID, TeamSetting> readSettings() {
        var settings = new HashMap<UUID, TeamSetting>();
        jdbc.sql("select team_id, assignment, is_default from listening_team_setting")
                .query((rs, n) -> new TeamSetting(
                        rs.getObject("team_id", UUID.class),
                        Assignment.valueOf(rs.getString("assignment")),
                        rs.getBoolean("is_default")))
                .list()
                .forEach(setting -> settings.put(setting.teamId(), setting));
        return settings;
    }

    Optional<UUID> defaultTeam() {
        return settings().values().stream()
                .filter(TeamSetting::isDefault)
                .map(TeamSetting::teamId)
                .findFirst();
    }

    void saveSetting(UUID teamId, Assignment assignment) {
        changed();
        jdbc.sql(
                        """
                        insert into listening_team_setting (team_id, assignment) values (?, ?)
                        on conflict (team_id) do update set assignment = excluded.assignment
                        """)
                .params(teamId, assignment.name())
                .update();
    }

    void makeDefault(@Nullable UUID teamId) {
        changed();
        jdbc.sql("update listening_team_setting set is_default = false where is_default")
                .update();
        if (teamId != null) {
            jdbc.sql(
                            """
                            insert into listening_team_setting (team_id, is_default) values (?, true)
                            on conflict (team_id) do update set is_default = true
                            """)
                    .param(teamId)
                    .update();
        }
    }

    /** The team's last assignee, its setting row locked so that two conversations routed together take turns. */
    Optional<UUID> lastAssigneeForUpdate(UUID teamId) {
        // One statement that creates the team's row when missing and locks it either way.
        return jdbc.sql(
                        """
                        insert into listening_team_setting (team_id) values (?)
                        on conflict (team_id) do update set team_id = excluded.team_id
                        returning last_assignee
                        """)
                .param(teamId)
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, UUID.class)))
                .single();
    }

    void setLastAssignee(UUID teamId, UUID accountId) {
        jdbc.sql("update listening_team_setting set last_assignee = ? where team_id = ?")
                .params(accountId, teamId)
                .update();
    }

    /** Open and pending conversations per person, for least-loaded assignment; people without any are left out. */
    Map<UUID, Long> load(Collection<UUID> people) {
        var load = new HashMap<UUID, Long>();
        jdbc.sql(
                        """
                        select assignee_id, count(*) as open from listening_conversation
                        where assignee_id = any(?) and status <> 'RESOLVED' group by assignee_id
                        """)
                .param(people.toArray(UUID[]::new))
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getLong(2)))
                .list()
                .forEach(entry -> load.put(entry.getKey(), entry.getValue()));
        return load;
    }

    public record TeamSetting(UUID teamId, Assignment assignment, boolean isDefault) {}
}
