package io.backchannel.ideas.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts that staff blocked from taking part in the portal. */
@Repository
class Blocks {

    private final JdbcClient jdbc;

    Blocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Refuses anything a blocked account tries to write. */
    void requireAllowed(UUID accountId) {
        if (jdbc.sql("select exists (select 1 from ideas_blocked_author where account_id = ?)")
                .param(accountId)
                .query(Boolean.class)
                .single()) {
            throw new AuthorBlocked();
        }
    }

    void block(UUID accountId, UUID staffId) {
        jdbc.sql("insert into ideas_blocked_author (account_id, blocked_by) values (?, ?) on conflict do nothing")
                .params(accountId, staffId)
                .update();
    }

    void unblock(UUID accountId) {
        jdbc.sql("delete from ideas_blocked_author where account_id = ?")
                .param(accountId)
                .update();
    }

    List<Blocked> all() {
        return jdbc.sql("select account_id, blocked_by, blocked_at from ideas_blocked_author order by blocked_at desc")
                .query(Blocked.class)
                .list();
    }

    record Blocked(UUID accountId, UUID blockedBy, Instant blockedAt) {}
}
