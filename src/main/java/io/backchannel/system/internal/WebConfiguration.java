package io.backchannel.system.internal;

import io.backchannel.system.PageVersions;
import io.backchannel.system.PublicPages;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
@EnableAsync
@EnableScheduling
class WebConfiguration implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        return new SupportedLocaleResolver();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new LanguageSwitch());
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(
            @Value("${backchannel.security.max-request-body:2MB}") DataSize maximum) {
        var registration = new FilterRegistrationBean<>(new RequestSizeLimit(maximum.toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** After Spring Security's filters, which decide who is signed in and add the security headers to every answer. */
    @Bean
    FilterRegistrationBean<PublicPageCache> publicPageCache(
            List<PublicPages> modules,
            List<PageVersions> versions,
            LocaleResolver locales,
            @Value("${backchannel.web.public-page-cache-ttl}") Duration ttl,
            @Value("${backchannel.web.versioned-page-ttl}") Duration keptTtl,
            @Value("${backchannel.web.versioned-page-cache-size}") DataSize keptBytes) {
        var settings = new PublicPageCache.Settings(ttl, keptTtl, keptBytes.toBytes());
        var registration = new FilterRegistrationBean<>(new PublicPageCache(modules, versions, locales, settings));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }
}
