package io.backchannel.system.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The interface languages: a visitor's choice is kept in a cookie; without one, the best of the browser's
 * {@code Accept-Language} that Backchannel speaks, else English. Content itself may be in any language.
 */
class SupportedLocaleResolver extends CookieLocaleResolver {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);

    SupportedLocaleResolver() {
        super("backchannel-lang");
        setCookieMaxAge(Duration.ofDays(365));
        setDefaultLocaleFunction(request -> bestMatch(Collections.list(request.getLocales())));
    }

    @Override
    public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
        super.setLocale(request, response, locale == null ? null : bestMatch(List.of(locale)));
    }

    static Locale bestMatch(List<Locale> wanted) {
        for (Locale locale : wanted) {
            for (Locale supported : SUPPORTED) {
                if (supported.getLanguage().equals(locale.getLanguage())) {
                    return supported;
                }
            }
        }
        return Locale.ENGLISH;
    }
}
