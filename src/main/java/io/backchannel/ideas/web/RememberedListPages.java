package io.backchannel.ideas.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Renders the public idea list once for each distinct content. Rendering, not the database, is what the list costs
 * (a profile of {@code /ideas}: templates, messages, dates); and for an anonymous visitor without a session the HTML is
 * a function of the address, the locale and the model alone. So the HTML is reused while all three are equal: the
 * model is still built from the database on every request, every vote, comment, new idea or renamed author changes it,
 * and the page with it. Signed-in visitors, visitors with a session (flash messages) and htmx requests always get a
 * fresh rendering, and so does a page that carries a CSRF token or sets a cookie.
 */
@Component
class RememberedListPages implements ViewResolver, Ordered {

    static final int MAX_ENTRIES = 64;

    private final ViewResolver templates;
    private final Map<Key, Rendered> pages = new ConcurrentHashMap<>();

    RememberedListPages(@Qualifier("thymeleafViewResolver") ViewResolver templates) {
        this.templates = templates;
    }

    @Override
    public int getOrder() {
        // Ahead of Thymeleaf's resolver, whose view it wraps.
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    @Override
    public @Nullable View resolveViewName(String viewName, Locale locale) throws Exception {
        if (!IdeasController.LIST.equals(viewName)) {
            return null;
        }
        View view = templates.resolveViewName(viewName, locale);
        return view == null ? null : new RememberedView(view, locale);
    }

    private record Key(String uri, @Nullable String query, Locale locale) {}

    private record Rendered(Map<String, ?> model, byte[] body, String contentType) {}

    private final class RememberedView implements View {

        private final View view;
        private final Locale locale;

        RememberedView(View view, Locale locale) {
            this.view = view;
            this.locale = locale;
        }

        @Override
        public @Nullable String getContentType() {
            return view.getContentType();
        }

        @Override
        public void render(@Nullable Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
                throws Exception {
            if (model == null || !anonymousWithoutSession(request)) {
                view.render(model, request, response);
                return;
            }
            var key = new Key(request.getRequestURI(), request.getQueryString(), locale);
            Rendered known = pages.get(key);
            if (known != null && sameModel(known.model(), model)) {
                response.setContentType(known.contentType());
                response.setContentLength(known.body().length);
                response.getOutputStream().write(known.body());
                return;
            }
            var captured = new ContentCachingResponseWrapper(response);
            view.render(model, request, captured);
            byte[] body = captured.getContentAsByteArray();
            String contentType = captured.getContentType();
            captured.copyBodyToResponse();
            if (captured.getStatus() == HttpServletResponse.SC_OK
                    && contentType != null
                    && !response.containsHeader("Set-Cookie")
                    && !new String(body, StandardCharsets.UTF_8).contains("_csrf")) {
                if (pages.size() >= MAX_ENTRIES) {
                    pages.clear();
                }
                pages.put(key, new Rendered(new HashMap<>(model), body, contentType));
            }
        }
    }

    private static boolean anonymousWithoutSession(HttpServletRequest request) {
        return HttpMethod.GET.matches(request.getMethod())
                && request.getUserPrincipal() == null
                && request.getSession(false) == null
                && request.getHeader("HX-Request") == null;
    }

    /** Value equality of every attribute; arrays by content. Attributes without value equality never match. */
    private static boolean sameModel(Map<String, ?> known, Map<String, ?> model) {
        if (!known.keySet().equals(model.keySet())) {
            return false;
        }
        for (var entry : model.entrySet()) {
            if (!Objects.deepEquals(known.get(entry.getKey()), entry.getValue())) {
                return false;
            }
        }
        return true;
    }
}
