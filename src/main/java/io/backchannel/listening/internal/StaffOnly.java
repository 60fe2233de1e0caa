package io.backchannel.listening.internal;

import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/** The services' own check that only staff act for the company, whatever the page rules let through. */
@Component
class StaffOnly {

    private final IdentityManagement identity;

    StaffOnly(IdentityManagement identity) {
        this.identity = identity;
    }

    void require(UUID accountId) {
        boolean staff = identity.accounts(List.of(accountId)).stream()
                .anyMatch(account ->
                        account.roles().contains(Role.STAFF) || account.roles().contains(Role.ADMIN));
        if (!staff) {
            throw new AccessDeniedException("staff only");
        }
    }
}
