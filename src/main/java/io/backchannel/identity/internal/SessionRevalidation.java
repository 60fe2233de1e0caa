package io.backchannel.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends sessions of accounts that were locked, or whose roles changed, since login. Checks at most once a minute per
 * session, so an admin's lock takes effect within a minute without a database query on every request.
 */
@Component
class SessionRevalidation extends OncePerRequestFilter {

    private static final String CHECKED_AT = SessionRevalidation.class.getName() + ".checkedAt";
    private static final long INTERVAL = Duration.ofMinutes(1).toMillis();

    private final Accounts accounts;

    SessionRevalidation(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (session != null && authentication != null && authentication.getPrincipal() instanceof AccountPrincipal p) {
            long now = System.currentTimeMillis();
            Object checkedAt = session.getAttribute(CHECKED_AT);
            if (!(checkedAt instanceof Long last) || now - last > INTERVAL) {
                session.setAttribute(CHECKED_AT, now);
                if (!stillValid(p)) {
                    session.invalidate();
                    SecurityContextHolder.clearContext();
                    response.sendRedirect(request.getContextPath() + "/login?error=ended");
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private boolean stillValid(AccountPrincipal principal) {
        return accounts.byId(principal.id())
                .map(AccountPrincipal::of)
                .filter(current -> current.isAccountNonLocked() && current.isEnabled())
                .filter(current -> authorities(current).equals(authorities(principal)))
                .isPresent();
    }

    private static Set<String> authorities(AccountPrincipal principal) {
        return principal.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
    }
}
