package io.backchannel.blog.web;

import io.backchannel.system.PathRules;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * Anyone reads the blog, its feeds and its incident pages; guests may comment and subscribe where the controller
 * allows it (it checks the settings and rate limits). Writing posts happens under {@code /workspace/blog}, which the
 * central rules keep for staff.
 */
@Component
class BlogPathRules implements PathRules {

    @Override
    public void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.GET, "/blog", "/blog/**", "/sitemap.xml")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/blog/*/*/comments", "/blog/subscriptions", "/blog/unsubscribe/*")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/blog/incidents/*/subscriptions")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/blog/incidents/unsubscribe/*", "/blog/incidents/confirm/*")
                .permitAll();
    }

    /** Mail clients post one-click unsubscribes without a session; the signed token in the path protects them. */
    @Override
    public List<RequestMatcher> csrfExempt() {
        return List.of(
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/blog/unsubscribe/*"),
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/blog/incidents/unsubscribe/*"),
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/blog/incidents/confirm/*"));
    }
}
