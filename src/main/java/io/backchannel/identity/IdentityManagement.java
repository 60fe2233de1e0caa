package io.backchannel.identity;

import io.backchannel.identity.internal.Accounts;
import io.backchannel.identity.internal.IdentitySetup;
import io.backchannel.identity.internal.Profiles;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** What other modules may ask of or tell the identity module. */
@Service
public class IdentityManagement {

    private final IdentitySetup setup;
    private final Accounts accounts;
    private final Profiles profiles;

    IdentityManagement(IdentitySetup setup, Accounts accounts, Profiles profiles) {
        this.setup = setup;
        this.accounts = accounts;
        this.profiles = profiles;
    }

    public boolean hasAccounts() {
        return setup.hasAccounts();
    }

    /** Creates an account with a known password and a confirmed address (for demo data and first setup). */
    public UUID createAccount(String email, String displayName, String password, Set<Role> roles, String locale) {
        return setup.createAccount(email, displayName, password, roles, locale);
    }

    public UUID createTeam(String name, String description) {
        return setup.createTeam(name, description);
    }

    public void addToTeam(UUID teamId, UUID accountId) {
        setup.addToTeam(teamId, accountId);
    }

    /** The accounts with these IDs, in one look-up; unknown IDs are left out. */
    public List<AccountSummary> accounts(java.util.Collection<UUID> ids) {
        return accounts.summaries(ids);
    }

    /** Display names by account ID, for showing who wrote what; unknown IDs are left out. */
    public java.util.Map<UUID, String> displayNames(java.util.Collection<UUID> ids) {
        return accounts.displayNames(ids);
    }

    /** Every team, by name, e.g. for assigning work to one. */
    public List<TeamSummary> teams() {
        return profiles.allTeams();
    }

    /** When the accounts were registered, by ID, e.g. to tell new accounts from old; unknown IDs are left out. */
    public java.util.Map<UUID, java.time.Instant> registeredAt(java.util.Collection<UUID> ids) {
        return accounts.registeredAt(ids);
    }

    /** The IDs of the team's members, e.g. to share work among them; none for an unknown team. */
    public List<UUID> teamMembers(UUID teamId) {
        return profiles.memberIds(teamId);
    }

    public List<TeamSummary> teamsOf(UUID accountId) {
        return profiles.teams(accountId);
    }
}
