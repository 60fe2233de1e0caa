package io.backchannel.identity.internal;

import io.backchannel.identity.SignedInAccount;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The logged-in account as Spring Security sees it. Kept in the session, so it holds no secrets beyond the hash. */
public record AccountPrincipal(
        UUID id,
        String email,
        String displayName,
        String passwordHash,
        boolean enabled,
        boolean nonLocked,
        List<SimpleGrantedAuthority> authorities)
        implements UserDetails, SignedInAccount {

    static AccountPrincipal of(Account account) {
        return new AccountPrincipal(
                account.id(),
                account.email(),
                account.displayName(),
                account.passwordHash(),
                account.verified(),
                !account.locked() && !account.temporarilyLocked(Instant.now()),
                account.roles().stream()
                        .map(role -> new SimpleGrantedAuthority(role.authority()))
                        .toList());
    }

    public AccountPrincipal withDisplayName(String newName) {
        return new AccountPrincipal(id, email, newName, passwordHash, enabled, nonLocked, authorities);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return authorities;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isAccountNonLocked() {
        return nonLocked;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public boolean hasRole(String role) {
        return authorities.stream()
                .anyMatch(authority -> authority.getAuthority().equals("ROLE_" + role));
    }
}
