package io.backchannel.identity.internal;

import io.backchannel.identity.AccountRegistered;
import io.backchannel.identity.Role;
import io.backchannel.identity.TeamSummary;
import io.backchannel.system.ListPage;
import io.backchannel.system.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What admins do with accounts, teams and API tokens. */
@Service
@Transactional
public class Administration {

    private final Accounts accounts;
    private final Teams teams;
    private final ApiTokens apiTokens;
    private final Registration registration;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;

    Administration(
            Accounts accounts,
            Teams teams,
            ApiTokens apiTokens,
            Registration registration,
            PasswordEncoder passwords,
            ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.teams = teams;
        this.apiTokens = apiTokens;
        this.registration = registration;
        this.passwords = passwords;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public ListPage<Account> accounts(AccountFilter filter, int page) {
        int size = ListPage.DEFAULT_SIZE;
        return new ListPage<>(
                accounts.search(filter, size, ListPage.offset(page, size)),
                Math.max(page, 1),
                size,
                accounts.count(filter));
    }

    /** Hands every matching account to the consumer, in pages, so an export never holds the whole list. */
    @Transactional(readOnly = true)
    public void eachAccount(AccountFilter filter, Consumer<Account> consumer) {
        int size = 500;
        for (long offset = 0; ; offset += size) {
            List<Account> batch = accounts.search(filter, size, offset);
            batch.forEach(consumer);
            if (batch.size() < size) {
                return;
            }
        }
    }

    @Transactional(readOnly = true)
    public Account account(UUID id) {
        return accounts.byId(id).orElseThrow(() -> new NotFoundException("account " + id));
    }

    /**
     * Creates a staff account with an unusable password and mails the person a link to choose their own, so that
     * no admin ever knows a colleague's password.
     */
    public UUID createStaff(String email, String displayName, Set<Role> roles, String locale) {
        String unusable = passwords.encode(Secrets.generate());
        UUID id = accounts.create(email.strip(), displayName.strip(), unusable, locale, roles, true);
        registration.invite(id);
        events.publishEvent(new AccountRegistered(id));
        return id;
    }

    public void changeRoles(UUID id, Set<Role> roles, UUID actingAdmin) {
        account(id);
        if (id.equals(actingAdmin) && !roles.contains(Role.ADMIN)) {
            throw new SelfLockout();
        }
        accounts.replaceRoles(id, roles);
    }

    public void setLocked(UUID id, boolean locked, UUID actingAdmin) {
        account(id);
        if (locked && id.equals(actingAdmin)) {
            throw new SelfLockout();
        }
        accounts.setLocked(id, locked);
    }

    @Transactional(readOnly = true)
    public List<TeamSummary> teams() {
        return teams.all();
    }

    @Transactional(readOnly = true)
    public TeamSummary team(UUID id) {
        return teams.byId(id).orElseThrow(() -> new NotFoundException("team " + id));
    }

    @Transactional(readOnly = true)
    public List<Account> members(UUID teamId) {
        return teams.memberIds(teamId).stream()
                .flatMap(id -> accounts.byId(id).stream())
                .sorted((a, b) -> a.displayName().compareToIgnoreCase(b.displayName()))
                .toList();
    }

    public UUID createTeam(String name, String description) {
        return teams.create(name.strip(), description.strip());
    }

    public void updateTeam(UUID id, String name, String description) {
        team(id);
        teams.update(id, name.strip(), description.strip());
    }

    public void deleteTeam(UUID id) {
        team(id);
        teams.delete(id);
    }

    /** Adds the staff account with this e-mail to the team. Only staff and admins can be members. */
    public void addMember(UUID teamId, String email) {
        team(teamId);
        Account account = accounts.byEmail(email.strip()).orElseThrow(() -> new UnknownMember(email));
        if (!account.staff()) {
            throw new UnknownMember(email);
        }
        teams.addMember(teamId, account.id());
    }

    public void removeMember(UUID teamId, UUID accountId) {
        teams.removeMember(teamId, accountId);
    }

    @Transactional(readOnly = true)
    public List<ApiTokens.TokenRow> tokens() {
        return apiTokens.all();
    }

    /** Creates a token for the account with this e-mail and returns the secret, shown once. */
    public String createToken(String ownerEmail, String name, @Nullable Instant expiresAt) {
        Account owner = accounts.byEmail(ownerEmail.strip()).orElseThrow(() -> new UnknownMember(ownerEmail));
        return apiTokens.create(owner.id(), name.strip(), expiresAt);
    }

    public void revokeToken(UUID id) {
        apiTokens.revoke(id);
    }

    /** An admin tried to remove their own admin role or lock themselves out. */
    public static class SelfLockout extends RuntimeException {
        SelfLockout() {
            super("An admin cannot lock out their own account");
        }
    }

    /** No account with that e-mail may take the part asked for. */
    public static class UnknownMember extends RuntimeException {
        UnknownMember(String email) {
            super("No suitable account for " + email);
        }
    }
}
