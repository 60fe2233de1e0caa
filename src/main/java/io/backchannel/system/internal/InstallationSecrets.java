package io.backchannel.system.internal;

import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Secrets the installation needs: taken from configuration when given, otherwise generated once and kept in the
 * database so that every node of a cluster, and every restart, uses the same value. Never in the repository.
 */
@Component
class InstallationSecrets {

    private static final SecureRandom random = new SecureRandom();

    private final JdbcClient jdbc;
    private final String configuredRememberMeKey;

    InstallationSecrets(JdbcClient jdbc, @Value("${backchannel.security.remember-me-key:}") String rememberMeKey) {
        this.jdbc = jdbc;
        this.configuredRememberMeKey = rememberMeKey;
    }

    String rememberMeKey() {
        return StringUtils.hasText(configuredRememberMeKey) ? configuredRememberMeKey : stored("remember-me-key");
    }

    /** The key for {@link HmacSignatures}; changing it invalidates every signed link already sent. */
    String signingKey() {
        return stored("signing-key");
    }

    /** The key of {@link io.backchannel.system.KeyedHashes}; generated, since changing it would orphan every hash. */
    String hashKey() {
        return stored("hash-key");
    }

    private String stored(String name) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        jdbc.sql("insert into system_secret (name, value) values (?, ?) on conflict (name) do nothing")
                .params(name, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))
                .update();
        return jdbc.sql("select value from system_secret where name = ?")
                .param(name)
                .query(String.class)
                .single();
    }
}
