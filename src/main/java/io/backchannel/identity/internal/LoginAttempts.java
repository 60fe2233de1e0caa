package io.backchannel.identity.internal;

import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Locks an account for a while after repeated wrong passwords; a successful login clears the count. */
@Component
class LoginAttempts {

    private final Accounts accounts;
    private final int maximum;
    private final Duration lockout;

    LoginAttempts(
            Accounts accounts,
            @Value("${backchannel.security.max-failed-logins:5}") int maximum,
            @Value("${backchannel.security.lockout:15m}") Duration lockout) {
        this.accounts = accounts;
        this.maximum = maximum;
        this.lockout = lockout;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        accounts.recordFailedLogin(
                event.getAuthentication().getName(), maximum, Instant.now().plus(lockout));
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof AccountPrincipal principal) {
            accounts.recordSuccessfulLogin(principal.email());
        }
    }
}
