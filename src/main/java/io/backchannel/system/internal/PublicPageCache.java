package io.backchannel.system.internal;

import io.backchannel.system.PageVersions;
import io.backchannel.system.PublicPages;
import io.backchannel.system.SharedPages;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
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
 *
 * <p>Pages whose module can tell the version of their content ({@link PageVersions}) are kept far longer, in {@link
 * KeptPages}: while the version and the layout's version (the incident banner) are unchanged, up to their own time to
 * live, which bounds how stale the parts without a version (a person's badges, a renamed account) can get. The version
 * is read before the page is rendered, so a change committed meanwhile makes the kept page outdated at once.
 */
class PublicPageCache extends OncePerRequestFilter {

    static final int MAX_PAGES = 2_000;

    private final List<PathPattern> patterns;
    private final List<PageVersions> versions;
    private final LocaleResolver locales;
    private final long ttlNanos;
    private final long keptTtlNanos;
    private final KeptPages<Key> kept;
    private final Map<Key, Page> pages = new ConcurrentHashMap<>();
    private final Map<Key, Boolean> refreshing = new ConcurrentHashMap<>();
    // When the last write on this node finished: a rendering begun before it may show the old state and is not kept.
    private final AtomicLong written;
    private final LongSupplier clock;

    PublicPageCache(List<PublicPages> modules, List<PageVersions> versions, LocaleResolver locales, Settings settings) {
        this(modules, versions, locales, settings, System::nanoTime);
    }

    /** With the clock in nanoseconds, like {@link System#nanoTime()}. */
    PublicPageCache(
            List<PublicPages> modules,
            List<PageVersions> versions,
            LocaleResolver locales,
            Settings settings,
            LongSupplier clock) {
        this.patterns = modules.stream()
                .flatMap(module -> module.cacheable().stream())
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
        this.versions = versions;
        this.locales = locales;
        this.ttlNanos = settings.ttl().toNanos();
        this.keptTtlNanos = settings.keptTtl().toNanos();
        this.kept = new KeptPages<>(settings.keptBytes());
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
                versions.forEach(PageVersions::written);
            }
            return;
        }
        String path = ttlNanos <= 0 ? null : cacheablePath(request);
        if (path == null) {
            chain.doFilter(request, response);
            return;
        }
        var key = new Key(method, request.getRequestURI(), request.getQueryString(), locales.resolveLocale(request));
        long now = clock.getAsLong();
        List<Object> version = keptTtlNanos <= 0 ? null : versionOf(path);
        if (version != null) {
            keep(request, response, chain, key, version, now);
            return;
        }
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

    private void keep(
            HttpServletRequest request,
            HttpServletResponse response,
            FilterChain chain,
            Key key,
            List<Object> version,
            long now)
            throws ServletException, IOException {
        KeptPages.Page page = kept.get(key);
        if (page != null && page.version().equals(version) && now - page.storedAt() < keptTtlNanos) {
            page.writeTo(request, response);
            return;
        }
        var captured = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, captured);
        byte[] body = captured.getContentAsByteArray();
        if (SharedPages.shareable(request, captured, body)) {
            kept.put(key, version, now, body, SharedPages.headers(captured));
        }
        captured.copyBodyToResponse();
    }

    /**
     * The versions of a page whose own module can tell its version, with those of what every page shows; {@code null}
     * when no module can, or when something on every page cannot tell its version.
     */
    private @Nullable List<Object> versionOf(String path) {
        var parts = new ArrayList<Object>(versions.size());
        boolean own = false;
        for (PageVersions module : versions) {
            Object version = module.version(path);
            if (version == null && module.onEveryPage()) {
                return null;
            }
            if (version != null) {
                own |= !module.onEveryPage();
                parts.add(version);
            }
        }
        return own ? parts : null;
    }

    /** The path within the application when the request may get a shared page, else {@code null}. */
    private @Nullable String cacheablePath(HttpServletRequest request) {
        if (request.getUserPrincipal() != null
                || request.getSession(false) != null
                || request.getHeader("HX-Request") != null) {
            return null;
        }
        var path = ServletRequestPathUtils.parseAndCache(request).pathWithinApplication();
        return patterns.stream().anyMatch(pattern -> pattern.matches(path)) ? path.value() : null;
    }

    /**
     * @param ttl how long any cacheable page is reused
     * @param keptTtl how long a versioned page is kept while its version is unchanged
     * @param keptBytes the budget of the kept pages, gzipped
     */
    record Settings(Duration ttl, Duration keptTtl, long keptBytes) {}

    private record Key(String method, String uri, @Nullable String query, Locale locale) {}

    private record Page(long storedAt, byte[] body, Map<String, List<String>> headers) {

        void writeTo(HttpServletResponse response) throws IOException {
            SharedPages.writeHeaders(response, headers);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
