package io.backchannel.identity.internal;

import io.backchannel.system.ApiTokenAuthenticator;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens. A token is {@code bc_} followed by 43 random characters; the first 8 after the prefix are kept in clear
 * so people can tell their tokens apart, the rest only as SHA-256.
 */
@Repository
public class ApiTokens implements ApiTokenAuthenticator {

    static final String PREFIX = "bc_";

    private final JdbcClient jdbc;
    private final Accounts accounts;

    ApiTokens(JdbcClient jdbc, Accounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    /** Creates a token and returns its secret, which is never shown again. */
    String create(UUID accountId, String name, @Nullable Instant expiresAt) {
        String secret = PREFIX + Secrets.generate();
        jdbc.sql(
                        """
                        insert into identity_api_token (account_id, name, token_hash, prefix, expires_at)
                        values (?, ?, ?, ?, ?)""")
                .params(
                        accountId,
                        name,
                        Secrets.hash(secret),
                        secret.substring(0, PREFIX.length() + 8),
                        expiresAt == null ? null : Timestamp.from(expiresAt))
                .update();
        return secret;
    }

    List<TokenRow> all() {
        return jdbc.sql(
                        """
                        select t.id, t.name, t.prefix, a.email as owner, t.created_at, t.expires_at, t.last_used_at,
                        t.revoked_at from identity_api_token t join identity_account a on a.id = t.account_id
                        order by t.revoked_at nulls first, t.created_at desc""")
                .query(TokenRow.class)
                .list();
    }

    void revoke(UUID id) {
        jdbc.sql("update identity_api_token set revoked_at = now() where id = ? and revoked_at is null")
                .param(id)
                .update();
    }

    @Override
    @Transactional
    public Optional<Authentication> authenticate(String secret) {
        if (!secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return jdbc.sql(
                        """
                        update identity_api_token set last_used_at = now()
                        where token_hash = ? and revoked_at is null and (expires_at is null or expires_at > now())
                        returning account_id""")
                .param(Secrets.hash(secret))
                .query(UUID.class)
                .optional()
                .flatMap(accounts::byId)
                .filter(account -> !account.locked())
                .map(account -> {
                    var principal = AccountPrincipal.of(account);
                    return UsernamePasswordAuthenticationToken.authenticated(
                            principal, null, principal.getAuthorities());
                });
    }

    public record TokenRow(
            UUID id,
            String name,
            String prefix,
            String owner,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable Instant lastUsedAt,
            @Nullable Instant revokedAt) {

        public boolean active() {
            return revokedAt == null && (expiresAt == null || expiresAt.isAfter(Instant.now()));
        }
    }
}
