package io.backchannel.identity.internal;

import io.backchannel.identity.AccountRegistered;
import io.backchannel.identity.Role;
import io.backchannel.identity.internal.OneTimeTokens.Purpose;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's own account: registering, confirming the e-mail address, and resetting a forgotten password. Answers
 * for unknown addresses look like answers for known ones, so the forms do not reveal who has an account.
 */
@Service
@Transactional
public class Registration {

    static final Duration CONFIRMATION_VALIDITY = Duration.ofDays(2);
    static final Duration RESET_VALIDITY = Duration.ofHours(1);

    private final Accounts accounts;
    private final OneTimeTokens tokens;
    private final IdentityMails mails;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;

    Registration(
            Accounts accounts,
            OneTimeTokens tokens,
            IdentityMails mails,
            PasswordEncoder passwords,
            ApplicationEventPublisher events,
            JdbcClient jdbc) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.mails = mails;
        this.passwords = passwords;
        this.events = events;
        this.jdbc = jdbc;
    }

    /** Creates an unconfirmed customer account and mails the confirmation link. */
    public UUID register(String email, String displayName, String password, String locale) {
        UUID id = accounts.create(
                email.strip(), displayName.strip(), passwords.encode(password), locale, Set.of(Role.CUSTOMER), false);
        Account account = accounts.byId(id).orElseThrow();
        mails.confirmEmail(account, tokens.issue(id, Purpose.CONFIRM_EMAIL, CONFIRMATION_VALIDITY));
        events.publishEvent(new AccountRegistered(id));
        return id;
    }

    public boolean confirm(String token) {
        return tokens.redeem(token, Purpose.CONFIRM_EMAIL)
                .map(id -> {
                    accounts.markVerified(id);
                    return true;
                })
                .orElse(false);
    }

    public void resendConfirmation(String email) {
        accounts.byEmail(email.strip())
                .filter(account -> !account.verified())
                .ifPresent(account -> mails.confirmEmail(
                        account, tokens.issue(account.id(), Purpose.CONFIRM_EMAIL, CONFIRMATION_VALIDITY)));
    }

    public void requestPasswordReset(String email) {
        accounts.byEmail(email.strip())
                .filter(account -> !account.locked())
                .ifPresent(account -> mails.resetPassword(
                        account, tokens.issue(account.id(), Purpose.RESET_PASSWORD, RESET_VALIDITY)));
    }

    public boolean isResetLinkValid(String token) {
        return tokens.isValid(token, Purpose.RESET_PASSWORD);
    }

    /**
     * Sets the new password if the link is good. Whoever holds the link controls the mailbox, so the address counts
     * as confirmed; remembered logins of the old password are ended.
     */
    public boolean resetPassword(String token, String newPassword) {
        return tokens.redeem(token, Purpose.RESET_PASSWORD)
                .flatMap(accounts::byId)
                .map(account -> {
                    accounts.changePassword(account.id(), passwords.encode(newPassword));
                    accounts.markVerified(account.id());
                    jdbc.sql("delete from persistent_logins where lower(username) = lower(?)")
                            .param(account.email())
                            .update();
                    return true;
                })
                .orElse(false);
    }

    /** Issues a set-password link for a new staff account (same flow as a reset, longer validity). */
    void invite(UUID accountId) {
        Account account = accounts.byId(accountId).orElseThrow();
        mails.invite(account, tokens.issue(accountId, Purpose.RESET_PASSWORD, Duration.ofDays(7)));
    }
}
