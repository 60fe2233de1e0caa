package io.backchannel.archive.web;

import io.backchannel.system.PathRules;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * The archive holds everything said, including what customers wrote: only archivists and admins open it, and only
 * admins erase content on a data-protection request.
 */
@Component
class ArchivePathRules implements PathRules {

    @Override
    public void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers("/archive/records/*/erase")
                .hasRole("ADMIN")
                .requestMatchers("/archive", "/archive/**")
                .hasAnyRole("ARCHIVIST", "ADMIN");
    }
}
