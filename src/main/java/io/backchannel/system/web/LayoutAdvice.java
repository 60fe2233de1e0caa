package io.backchannel.system.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** What the shared layout needs on every page. */
@ControllerAdvice
class LayoutAdvice {

    /**
     * The same page in each interface language, with its query (search, filters, page) kept, for the language switch.
     * On an error page, the page that failed.
     */
    @ModelAttribute("languageLinks")
    Map<String, String> languageLinks(HttpServletRequest request) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = failed instanceof String uri ? uri : request.getRequestURI();
        String query = failed == null ? request.getQueryString() : null;
        return Map.of("en", link(path, query, "en"), "de", link(path, query, "de"));
    }

    private static String link(String path, String query, String language) {
        return UriComponentsBuilder.fromPath(path)
                .query(query)
                .replaceQueryParam("lang", language)
                .build()
                .toUriString();
    }
}
