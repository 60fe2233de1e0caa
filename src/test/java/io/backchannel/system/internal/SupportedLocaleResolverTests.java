package io.backchannel.system.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SupportedLocaleResolverTests {

    private final SupportedLocaleResolver resolver = new SupportedLocaleResolver();

    @Test
    void picksTheFirstSupportedLanguageOfTheBrowser() {
        var request = new MockHttpServletRequest();
        request.addHeader("Accept-Language", "fr-CH, de-AT;q=0.8, en;q=0.5");
        request.setPreferredLocales(
                List.of(Locale.forLanguageTag("fr-CH"), Locale.forLanguageTag("de-AT"), Locale.ENGLISH));
        assertThat(resolver.resolveLocale(request)).isEqualTo(Locale.GERMAN);
    }

    @Test
    void fallsBackToEnglish() {
        var request = new MockHttpServletRequest();
        request.setPreferredLocales(List.of(Locale.JAPANESE));
        assertThat(resolver.resolveLocale(request)).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void keepsAChosenLanguageInACookieAndNarrowsItToASupportedOne() {
        var request = new MockHttpServletRequest();
        var response = new MockHttpServletResponse();
        resolver.setLocale(request, response, Locale.forLanguageTag("de-CH"));
        assertThat(response.getCookie("backchannel-lang")).isNotNull();
        var next = new MockHttpServletRequest();
        next.setCookies(response.getCookie("backchannel-lang"));
        next.setPreferredLocales(List.of(Locale.ENGLISH));
        assertThat(resolver.resolveLocale(next)).isEqualTo(Locale.GERMAN);
    }
}
