package io.backchannel.identity.internal;

import io.backchannel.identity.AccountRegistered;
import io.backchannel.identity.Role;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Writes behind the module facade, in transactions of their own. */
@Service
@Transactional
public class IdentitySetup {

    private final Accounts accounts;
    private final Teams teams;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;

    IdentitySetup(Accounts accounts, Teams teams, PasswordEncoder passwords, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.teams = teams;
        this.passwords = passwords;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public boolean hasAccounts() {
        return accounts.any();
    }

    public UUID createAccount(String email, String displayName, String password, Set<Role> roles, String locale) {
        UUID id = accounts.create(email, displayName, passwords.encode(password), locale, roles, true);
        events.publishEvent(new AccountRegistered(id));
        return id;
    }

    public UUID createTeam(String name, String description) {
        return teams.create(name, description);
    }

    public void addToTeam(UUID teamId, UUID accountId) {
        teams.addMember(teamId, accountId);
    }
}
