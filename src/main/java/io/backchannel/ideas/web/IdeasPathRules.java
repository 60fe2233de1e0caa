package io.backchannel.ideas.web;

import io.backchannel.system.PathRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Anyone reads ideas, on the pages and through the API; posting, voting and commenting need a login; answering and
 * exporting need staff.
 */
@Component
class IdeasPathRules implements PathRules {

    @Override
    public void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.GET, "/ideas/new")
                .authenticated()
                .requestMatchers(HttpMethod.POST, "/ideas/*/status")
                .hasAnyRole("STAFF", "ADMIN")
                .requestMatchers(HttpMethod.GET, "/ideas/export.csv")
                .hasAnyRole("STAFF", "ADMIN")
                .requestMatchers(
                        HttpMethod.GET, "/ideas", "/ideas/similar", "/ideas/in-action", "/ideas/feed.atom", "/ideas/*")
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/ideas/*/feed.atom")
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/api/ideas", "/api/ideas/*")
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/ideas/people/me")
                .authenticated()
                .requestMatchers(HttpMethod.GET, "/ideas/storms/*", "/ideas/people/*")
                .permitAll();
    }
}
