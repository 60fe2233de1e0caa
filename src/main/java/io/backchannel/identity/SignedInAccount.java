package io.backchannel.identity;

import java.util.UUID;

/** The logged-in person as other modules see them: {@code @AuthenticationPrincipal SignedInAccount account}. */
public interface SignedInAccount {

    UUID id();

    String displayName();

    boolean hasRole(String role);

    default boolean staff() {
        return hasRole(Role.STAFF.name()) || hasRole(Role.ADMIN.name());
    }
}
