package io.backchannel.system.internal;

import io.backchannel.system.ApiTokenAuthenticator;
import io.backchannel.system.PathRules;
import io.backchannel.system.RateLimits;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.rememberme.JdbcTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    static final String ADMIN = "ADMIN";
    static final String STAFF = "STAFF";

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /**
     * No tracing spans around each security filter: the request as a whole is still measured (http.server.requests),
     * and wrapping every filter of every request in its own observation showed in about one sample in twenty of an idea
     * page's profile.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Requests whose handlers check their sender's signature (see {@link PathRules#signed()}): open to anyone, with
     * nothing kept between requests. Only the security headers of the JSON API are written.
     */
    @Bean
    @Order(0)
    SecurityFilterChain signed(HttpSecurity http, List<PathRules> moduleRules) throws Exception {
        List<RequestMatcher> paths =
                moduleRules.stream().flatMap(rules -> rules.signed().stream()).toList();
        http.securityMatcher(paths.isEmpty() ? request -> false : new OrRequestMatcher(paths))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .anonymous(anonymous -> anonymous.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .sessionManagement(session -> session.disable())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'")));
        return http.build();
    }

    /**
     * The JSON API: stateless, bearer tokens only, so no cookie can carry a cross-site request (no CSRF needed). Modules'
     * rules apply here too (a rule only matches its own paths), so a module can open its public API for reading.
     */
    @Bean
    @Order(1)
    SecurityFilterChain api(
            HttpSecurity http, ApiTokenAuthenticator tokens, ProblemResponses problems, List<PathRules> moduleRules)
            throws Exception {
        http.securityMatcher("/api/**", "/actuator/**")
                .authorizeHttpRequests(requests -> {
                    moduleRules.forEach(rules -> rules.apply(requests));
                    requests.requestMatchers(
                                    "/api/openapi.json",
                                    "/api/openapi.json/**",
                                    "/actuator/health",
                                    "/actuator/health/**")
                            .permitAll()
                            .requestMatchers("/actuator/**")
                            .hasRole(ADMIN)
                            .anyRequest()
                            .authenticated();
                })
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new ApiTokenFilter(tokens), UsernamePasswordAuthenticationFilter.class)
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(
            HttpSecurity http,
            PersistentTokenRepository rememberMeTokens,
            UserDetailsService accounts,
            InstallationSecrets secrets,
            RateLimits limits,
            LoginOutcomes loginOutcomes,
            List<PathRules> moduleRules)
            throws Exception {
        http.authorizeHttpRequests(requests -> {
                    moduleRules.forEach(rules -> rules.apply(requests));
                    requests.requestMatchers(
                                    "/",
                                    "/login",
                                    "/register",
                                    "/register/**",
                                    "/password/**",
                                    "/css/**",
                                    "/js/**",
                                    "/webjars/**",
                                    "/favicon.ico",
                                    "/favicon.svg",
                                    "/static-reference.txt",
                                    "/error")
                            .permitAll()
                            .requestMatchers("/admin/**")
                            .hasRole(ADMIN)
                            .requestMatchers("/workspace/**")
                            .hasAnyRole(STAFF, ADMIN)
                            .anyRequest()
                            .authenticated();
                })
                .formLogin(form -> form.loginPage("/login")
                        .usernameParameter("email")
                        .successHandler(loginOutcomes)
                        .failureHandler(loginOutcomes)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/?loggedOut"))
                .rememberMe(rememberMe -> rememberMe
                        .tokenRepository(rememberMeTokens)
                        .userDetailsService(accounts)
                        .key(secrets.rememberMeKey())
                        .rememberMeParameter("remember-me")
                        .tokenValiditySeconds(60 * 60 * 24 * 30))
                .addFilterBefore(new LoginThrottle(limits), UsernamePasswordAuthenticationFilter.class)
                .csrf(csrf -> csrf.ignoringRequestMatchers(moduleRules.stream()
                        .flatMap(rules -> rules.csrfExempt().stream())
                        .toArray(RequestMatcher[]::new)))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .permissionsPolicyHeader(
                                permissions -> permissions.policy("camera=(), microphone=(), geolocation=()")));
        return http.build();
    }

    @Bean
    PersistentTokenRepository rememberMeTokens(DataSource dataSource) {
        var repository = new JdbcTokenRepositoryImpl();
        repository.setDataSource(dataSource);
        return repository;
    }
}
