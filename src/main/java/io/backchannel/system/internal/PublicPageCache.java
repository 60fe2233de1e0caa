package io.backchannel.system.internal;

import io.backchannel.system.PublicPages;
import io.backchannel.system.SharedPages;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Reuses the rendered bytes of public pages for anonymous visitors for a short time (a "micro-cache"): under load most
 * requests for a popular page then cost a map lookup instead of queries and a template rendering. A page is kept only
 * when it answered 200 without setting a cookie and without a CSRF token in it, so nothing personal is ever shared.
 * Any write (a request other than GET or HEAD) on this node empties the cache, so people see their own changes at
 * once; changes made on another node of a cluster show after at most the time to live (plus one rendering, as an
 * expired page is served while a single request renders it anew).
 */
class PublicPageCache extends OncePerRequestFilter {

    static final int MAX_PAGES = 2_000;

    private final List<PathPattern> patterns;
    private final LocaleResolver locales;
    private final long ttlNanos;
    private final Map<Key, Page> pages = new ConcurrentHashMap<>();
    private final Map<Key, Boolean> refreshing = new ConcurrentHashMap<>();
    // When the last write on this node finished: a rendering begun before it may show the old state and is not kept.
    private final AtomicLong written;
    private final LongSupplier clock;

    PublicPageCache(List<PublicPages> modules, LocaleResolver locales, Duration ttl) {
        this(modules, locales, ttl, System::nanoTime);
    }

    /** With the clock in nanoseconds, like {@link System#nanoTime()}. */
    PublicPageCache(List<PublicPages> modules, LocaleResolver locales, Duration ttl, LongSupplier clock) {
        this.patterns = modules.stream()
                .flatMap(module -> module.cacheable().stream())
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
        this.locales = locales;
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
        this.written = new AtomicLong(clock.getAsLong());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            try {
                chain.doFilter(request, response);
            } finally {
                written.set(clock.getAsLong());
                pages.clear();
            }
            return;
        }
        if (ttlNanos <= 0 || !cacheable(request)) {
            chain.doFilter(request, response);
            return;
        }
        var key = new Key(method, request.getRequestURI(), request.getQueryString(), locales.resolveLocale(request));
        long now = clock.getAsLong();
        Page known = pages.get(key);
        if (known != null && now - known.storedAt() < ttlNanos) {
            known.writeTo(response);
            return;
        }
        // One request renders an expired page again while the others keep getting the previous rendering: without
        // this, every visitor arriving while a slow page (a broad search) renders would render it too.
        if (known != null && refreshing.putIfAbsent(key, Boolean.TRUE) != null) {
            known.writeTo(response);
            return;
        }
        try {
            render(request, response, chain, key, now);
        } finally {
            refreshing.remove(key);
        }
    }

    private void render(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Key key, long now)
            throws ServletException, IOException {
        var captured = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, captured);
        byte[] body = captured.getContentAsByteArray();
        if (SharedPages.shareable(request, captured, body) && written.get() - now <= 0) {
            if (pages.size() >= MAX_PAGES) {
                pages.clear();
            }
            pages.put(key, new Page(now, body, SharedPages.headers(captured)));
        }
        captured.copyBodyToResponse();
    }

    private boolean cacheable(HttpServletRequest request) {
        if (request.getUserPrincipal() != null
                || request.getSession(false) != null
                || request.getHeader("HX-Request") != null) {
            return false;
        }
        var path = ServletRequestPathUtils.parseAndCache(request);
        return patterns.stream().anyMatch(pattern -> pattern.matches(path.pathWithinApplication()));
    }

    private record Key(String method, String uri, @Nullable String query, Locale locale) {}

    private record Page(long storedAt, byte[] body, Map<String, List<String>> headers) {

        void writeTo(HttpServletResponse response) throws IOException {
            headers.forEach((name, values) -> {
                response.setHeader(name, values.getFirst());
                values.stream().skip(1).forEach(value -> response.addHeader(name, value));
            });
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
