package io.backchannel.identity.internal;

import io.backchannel.identity.AccountSummary;
import io.backchannel.identity.EmailAlreadyRegistered;
import io.backchannel.identity.Role;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The account table and its roles. E-mail addresses are unique without regard to case. */
@Repository
public class Accounts {

    private static final String SELECT =
            """
            select a.*, coalesce(array_agg(r.role) filter (where r.role is not null), '{}') as roles
            from identity_account a left join identity_account_role r on r.account_id = a.id
            """;

    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID create(
            String email, String displayName, String passwordHash, String locale, Set<Role> roles, boolean verified) {
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql(
                            """
                            insert into identity_account (id, email, display_name, password_hash, locale, email_verified_at)
                            values (?, ?, ?, ?, ?, case when ? then now() end)""")
                    .params(id, email, displayName, passwordHash, locale, verified)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new EmailAlreadyRegistered(email);
        }
        replaceRoles(id, roles);
        return id;
    }

    Optional<Account> byId(UUID id) {
        return jdbc.sql(SELECT + " where a.id = ? group by a.id")
                .param(id)
                .query(Accounts::map)
                .optional();
    }

    Optional<Account> byEmail(String email) {
        return jdbc.sql(SELECT + " where lower(a.email) = lower(?) group by a.id")
                .param(email)
                .query(Accounts::map)
                .optional();
    }

    /** The accounts with these IDs; unknown IDs are left out. */
    public List<AccountSummary> summaries(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc
                .sql(SELECT + " where a.id in (:ids) group by a.id")
                .param("ids", ids)
                .query(Accounts::map)
                .list()
                .stream()
                .map(Account::summary)
                .toList();
    }

    /** When the accounts were registered, by ID; unknown IDs are left out. */
    public java.util.Map<UUID, java.time.Instant> registeredAt(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        return jdbc
                .sql("select id, created_at from identity_account where id in (:ids)")
                .param("ids", ids)
                .query((rs, row) -> java.util.Map.entry(
                        rs.getObject("id", UUID.class),
                        rs.getTimestamp("created_at").toInstant()))
                .list()
                .stream()
                .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue));
    }

    /** Display names of the accounts, by ID; unknown IDs are left out. */
    public java.util.Map<UUID, String> displayNames(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        return jdbc
                .sql("select id, display_name from identity_account where id in (:ids)")
                .param("ids", ids)
                .query((rs, row) -> java.util.Map.entry(rs.getObject("id", UUID.class), rs.getString("display_name")))
                .list()
                .stream()
                .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue));
    }

    boolean any() {
        return jdbc.sql("select exists (select 1 from identity_account)")
                .query(Boolean.class)
                .single();
    }

    List<Account> search(AccountFilter filter, int limit, long offset) {
        return jdbc.sql(SELECT + filter.where()
                        + " group by a.id order by lower(a.display_name), a.id limit ? offset ?")
                .params(filter.parameters())
                .param(limit)
                .param(offset)
                .query(Accounts::map)
                .list();
    }

    long count(AccountFilter filter) {
        return jdbc.sql("select count(*) from identity_account a" + filter.where())
                .params(filter.parameters())
                .query(Long.class)
                .single();
    }

    void replaceRoles(UUID id, Set<Role> roles) {
        jdbc.sql("delete from identity_account_role where account_id = ?")
                .param(id)
                .update();
        for (Role role : roles) {
            jdbc.sql("insert into identity_account_role (account_id, role) values (?, ?)")
                    .params(id, role.name())
                    .update();
        }
    }

    void update(UUID id, String displayName, String locale) {
        jdbc.sql("update identity_account set display_name = ?, locale = ?, version = version + 1 where id = ?")
                .params(displayName, locale, id)
                .update();
    }

    void setLocked(UUID id, boolean locked) {
        jdbc.sql(
                        """
                        update identity_account set locked = ?, failed_logins = 0, locked_until = null,
                        version = version + 1 where id = ?""")
                .params(locked, id)
                .update();
    }

    void markVerified(UUID id) {
        jdbc.sql("update identity_account set email_verified_at = coalesce(email_verified_at, now()) where id = ?")
                .param(id)
                .update();
    }

    void changePassword(UUID id, String passwordHash) {
        jdbc.sql(
                        """
                        update identity_account set password_hash = ?, failed_logins = 0, locked_until = null,
                        version = version + 1 where id = ?""")
                .params(passwordHash, id)
                .update();
    }

    /** Counts a failed login; at the limit the account is locked until the given time. */
    void recordFailedLogin(String email, int maximum, Instant lockUntil) {
        jdbc.sql(
                        """
                        update identity_account set failed_logins = failed_logins + 1,
                        locked_until = case when failed_logins + 1 >= ? then ? else locked_until end
                        where lower(email) = lower(?)""")
                .params(maximum, Timestamp.from(lockUntil), email)
                .update();
    }

    void recordSuccessfulLogin(String email) {
        jdbc.sql(
                        """
                        update identity_account set failed_logins = 0, locked_until = null
                        where lower(email) = lower(?) and (failed_logins > 0 or locked_until is not null)""")
                .param(email)
                .update();
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getString("display_name"),
                rs.getString("password_hash"),
                rs.getString("locale"),
                instant(rs.getTimestamp("email_verified_at")),
                rs.getBoolean("locked"),
                rs.getInt("failed_logins"),
                instant(rs.getTimestamp("locked_until")),
                rs.getTimestamp("created_at").toInstant(),
                roles(rs.getArray("roles")));
    }

    private static Set<Role> roles(Array array) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object role : (Object[]) array.getArray()) {
            roles.add(Role.valueOf((String) role));
        }
        return roles;
    }

    static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
