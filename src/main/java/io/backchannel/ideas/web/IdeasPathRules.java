package io.backchannel.ideas.web;

import io.backchannel.system.PathRules;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * Anyone reads ideas, on the pages and through the API; posting, voting and commenting need a login; answering and
 * exporting (and re-tagging) need staff. Unsubscribe links from mails work without a login.
 */
@Component
class IdeasPathRules implements PathRules {

    @Override
    public void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.GET, "/ideas/new", "/ideas/notifications")
                .authenticated()
                .requestMatchers("/ideas/unsubscribe/*")
                .permitAll()
                .requestMatchers(
                        HttpMethod.POST, "/ideas/*/status", "/ideas/*/merge", "/ideas/*/tags", "/api/ideas/*/status")
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

    /** Mail clients post one-click unsubscribes without a session; the signed token in the path protects them. */
    @Override
    public List<RequestMatcher> csrfExempt() {
        return List.of(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/ideas/unsubscribe/*"));
    }
}
