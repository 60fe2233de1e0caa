package io.backchannel.identity.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Links sent by e-mail to confirm an address or reset a password: single use, expiring, stored as hashes. */
@Repository
class OneTimeTokens {

    enum Purpose {
        CONFIRM_EMAIL,
        RESET_PASSWORD
    }

    private final JdbcClient jdbc;

    OneTimeTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String issue(UUID accountId, Purpose purpose, Duration validity) {
        String secret = Secrets.generate();
        jdbc.sql(
                        "insert into identity_one_time_token (token_hash, account_id, purpose, expires_at) values (?, ?, ?, ?)")
                .params(
                        Secrets.hash(secret),
                        accountId,
                        purpose.name(),
                        Timestamp.from(Instant.now().plus(validity)))
                .update();
        return secret;
    }

    /** Uses up the token and names its account, if the token is known, unused, unexpired and for this purpose. */
    Optional<UUID> redeem(String secret, Purpose purpose) {
        return jdbc.sql(
                        """
                        update identity_one_time_token set used_at = now()
                        where token_hash = ? and purpose = ? and used_at is null and expires_at > now()
                        returning account_id""")
                .params(Secrets.hash(secret), purpose.name())
                .query(UUID.class)
                .optional();
    }

    /** Whether the token would be redeemed now, without using it up (to show the reset form only for good links). */
    boolean isValid(String secret, Purpose purpose) {
        return jdbc.sql(
                        """
                        select exists (select 1 from identity_one_time_token
                        where token_hash = ? and purpose = ? and used_at is null and expires_at > now())""")
                .params(Secrets.hash(secret), purpose.name())
                .query(Boolean.class)
                .single();
    }
}
