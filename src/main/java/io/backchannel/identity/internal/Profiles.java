package io.backchannel.identity.internal;

import io.backchannel.identity.TeamSummary;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A person's own account: what they see of it and may change. */
@Service
@Transactional
public class Profiles {

    private final Accounts accounts;
    private final Teams teams;

    Profiles(Accounts accounts, Teams teams) {
        this.accounts = accounts;
        this.teams = teams;
    }

    @Transactional(readOnly = true)
    public Account account(UUID id) {
        return accounts.byId(id).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<TeamSummary> teams(UUID accountId) {
        return teams.ofAccount(accountId);
    }

    @Transactional(readOnly = true)
    public List<UUID> memberIds(UUID teamId) {
        return teams.memberIds(teamId);
    }

    public List<TeamSummary> allTeams() {
        return teams.all();
    }

    public void update(UUID id, String displayName, String locale) {
        accounts.update(id, displayName.strip(), locale);
    }
}
