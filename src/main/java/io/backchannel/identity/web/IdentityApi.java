package io.backchannel.identity.web;

import io.backchannel.identity.Role;
import io.backchannel.identity.TeamSummary;
import io.backchannel.identity.internal.AccountPrincipal;
import io.backchannel.identity.internal.Administration;
import io.backchannel.identity.internal.Profiles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The identity part of the JSON API. Every call needs {@code Authorization: Bearer <token>}. */
@RestController
@RequestMapping("/api")
@Tag(name = "identity")
@SecurityRequirement(name = "bearer")
class IdentityApi {

    private final Profiles profiles;
    private final Administration administration;

    IdentityApi(Profiles profiles, Administration administration) {
        this.profiles = profiles;
        this.administration = administration;
    }

    @GetMapping("/me")
    @Operation(summary = "The account the token belongs to, with its roles and teams")
    Me me(@AuthenticationPrincipal AccountPrincipal principal) {
        var account = profiles.account(principal.id());
        return new Me(
                account.id(),
                account.email(),
                account.displayName(),
                account.roles().stream().map(Role::name).sorted().toList(),
                profiles.teams(account.id()));
    }

    @GetMapping("/teams")
    @PreAuthorize("hasAnyRole('STAFF', 'ADMIN')")
    @Operation(summary = "All teams with their member counts (staff only)")
    List<TeamSummary> teams() {
        return administration.teams();
    }

    record Me(UUID id, String email, String displayName, List<String> roles, List<TeamSummary> teams) {}
}
