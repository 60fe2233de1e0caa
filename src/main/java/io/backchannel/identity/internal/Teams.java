package io.backchannel.identity.internal;

import io.backchannel.identity.TeamNameTaken;
import io.backchannel.identity.TeamSummary;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Teams and their members. Team names are unique without regard to case. */
@Repository
public class Teams {

    private static final String SELECT =
            """
            select t.id, t.name, t.description, count(m.account_id) as members
            from identity_team t left join identity_team_member m on m.team_id = t.id
            """;

    private final JdbcClient jdbc;

    Teams(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID create(String name, String description) {
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("insert into identity_team (id, name, description) values (?, ?, ?)")
                    .params(id, name, description)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new TeamNameTaken(name);
        }
        return id;
    }

    void update(UUID id, String name, String description) {
        try {
            jdbc.sql("update identity_team set name = ?, description = ? where id = ?")
                    .params(name, description, id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new TeamNameTaken(name);
        }
    }

    void delete(UUID id) {
        jdbc.sql("delete from identity_team where id = ?").param(id).update();
    }

    List<TeamSummary> all() {
        return jdbc.sql(SELECT + " group by t.id order by lower(t.name)")
                .query(TeamSummary.class)
                .list();
    }

    Optional<TeamSummary> byId(UUID id) {
        return jdbc.sql(SELECT + " where t.id = ? group by t.id")
                .param(id)
                .query(TeamSummary.class)
                .optional();
    }

    List<TeamSummary> ofAccount(UUID accountId) {
        return jdbc.sql(SELECT
                        + " where t.id in (select team_id from identity_team_member where account_id = ?)"
                        + " group by t.id order by lower(t.name)")
                .param(accountId)
                .query(TeamSummary.class)
                .list();
    }

    List<UUID> memberIds(UUID teamId) {
        return jdbc.sql("select account_id from identity_team_member where team_id = ?")
                .param(teamId)
                .query(UUID.class)
                .list();
    }

    /** Adds the member; adding someone twice changes nothing. */
    void addMember(UUID teamId, UUID accountId) {
        jdbc.sql("insert into identity_team_member (team_id, account_id) values (?, ?) on conflict do nothing")
                .params(teamId, accountId)
                .update();
    }

    void removeMember(UUID teamId, UUID accountId) {
        jdbc.sql("delete from identity_team_member where team_id = ? and account_id = ?")
                .params(teamId, accountId)
                .update();
    }
}
