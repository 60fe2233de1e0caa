package io.backchannel.system.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Switches the interface language on {@code ?lang=de} links. Only on GET: the switcher is a link, and looking for the
 * parameter in a POST would parse its body before the handler decides how to read it.
 */
class LanguageSwitch extends LocaleChangeInterceptor {

    LanguageSwitch() {
        setParamName("lang");
        setIgnoreInvalidLocale(true);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws jakarta.servlet.ServletException {
        return !"GET".equals(request.getMethod()) || super.preHandle(request, response, handler);
    }
}
