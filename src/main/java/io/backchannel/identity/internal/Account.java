package io.backchannel.identity.internal;

import io.backchannel.identity.AccountSummary;
import io.backchannel.identity.Role;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

public record Account(
        UUID id,
        String email,
        String displayName,
        String passwordHash,
        String locale,
        @Nullable Instant emailVerifiedAt,
        boolean locked,
        int failedLogins,
        @Nullable Instant lockedUntil,
        Instant createdAt,
        Set<Role> roles) {

    public boolean verified() {
        return emailVerifiedAt != null;
    }

    public boolean staff() {
        return roles.contains(Role.STAFF) || roles.contains(Role.ADMIN);
    }

    boolean temporarilyLocked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public AccountSummary summary() {
        return new AccountSummary(id, email, displayName, locale, roles);
    }
}
