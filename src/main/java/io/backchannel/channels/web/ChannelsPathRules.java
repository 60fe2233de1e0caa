package io.backchannel.channels.web;

import io.backchannel.system.PathRules;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * Admins configure connectors, staff enter posts by hand; the inbound webhook is open to anyone, since its HMAC
 * signature with the connector's secret (not a session) proves the sender.
 */
@Component
class ChannelsPathRules implements PathRules {

    static final String WEBHOOK = "/api/channels/webhook/*";

    @Override
    public void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers("/admin/channels", "/admin/channels/**")
                .hasRole("ADMIN")
                .requestMatchers("/workspace/channels/**")
                .hasAnyRole("STAFF", "ADMIN");
    }

    @Override
    public List<RequestMatcher> signed() {
        return List.of(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, WEBHOOK));
    }
}
