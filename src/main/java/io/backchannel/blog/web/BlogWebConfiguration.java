package io.backchannel.blog.web;

import io.backchannel.blog.internal.BlogContentVersion;
import io.backchannel.blog.internal.BlogLanguages;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

@Configuration(proxyBeanMethods = false)
class BlogWebConfiguration {

    /** After Spring Security's filters, which decide who is signed in (as the system's public page cache is). */
    @Bean
    FilterRegistrationBean<BlogPageCache> blogPageCache(
            BlogContentVersion version,
            BlogLanguages languages,
            LocaleResolver locales,
            @Value("${backchannel.blog.page-cache-ttl}") Duration ttl) {
        var registration = new FilterRegistrationBean<>(new BlogPageCache(version, languages, locales, ttl));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 20);
        return registration;
    }
}
