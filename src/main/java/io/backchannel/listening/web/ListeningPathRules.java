package io.backchannel.listening.web;

import io.backchannel.system.PathRules;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * The inbox lives under /workspace and /admin (staff and admins by the catch-all rules); only the customer's
 * satisfaction page is open, protected by the signed token in its address.
 */
@Component
class ListeningPathRules implements PathRules {

    @Override
    public void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers("/satisfaction/*").permitAll();
    }
}
