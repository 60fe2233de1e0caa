package io.backchannel.system;

import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A module's own access rules for its pages, applied before the catch-all rule (which requires a login), so that the
 * module that owns a URL also says who may open it.
 */
public interface PathRules {

    void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);

    /**
     * Requests that carry no session and are protected otherwise (e.g. by a signed token in the URL), so they need no
     * CSRF token: mail clients post one-click unsubscribes without cookies. Keep these as narrow as possible.
     */
    default List<RequestMatcher> csrfExempt() {
        return List.of();
    }

    /**
     * Machine-to-machine requests that prove their sender themselves (the handler checks a signature made with a
     * shared secret) and may arrive hundreds a second. They pass a chain of their own, open to anyone and without
     * sessions, logins, CSRF tokens or a saved request: on the webhook's hot path, that work cost more than the
     * handler.
     */
    default List<RequestMatcher> signed() {
        return List.of();
    }
}
