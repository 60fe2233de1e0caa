package io.backchannel.blog.web;

import io.backchannel.blog.internal.BlogContentVersion;
import io.backchannel.blog.internal.BlogLanguages;
import io.backchannel.system.SharedPages;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Keeps the rendered public blog pages, feeds and sitemap for anonymous visitors while the blog's content stays the
 * same ({@link BlogContentVersion}: any write by anyone, or a scheduled time that passes, starts afresh), and answers
 * them with a strong {@code ETag} (a hash of the bytes) and {@code Last-Modified}, so that browsers and feed readers
 * revalidate ({@code Cache-Control: no-cache}) and get a {@code 304} when nothing changed. Incidents move the content
 * version too (V16), because the layout shows their banner; pages are also rendered anew after {@code
 * backchannel.blog.page-cache-ttl}, for anything else the layout might show.
 *
 * <p>Signed-in visitors, visitors with a session and htmx requests always get a fresh page and never see a kept one;
 * a page is kept only when it answered 200 without setting a cookie and without a CSRF token in it.
 */
class BlogPageCache extends OncePerRequestFilter {

    /**
     * Bytes of pages kept at most (10,000 posts in two interface languages at about 10 KB a page); when full,
     * everything is dropped (old versions go anyway on each change).
     */
    static final long MAX_BYTES = 192L * 1024 * 1024;

    private final BlogContentVersion version;
    private final BlogLanguages languages;
    private final LocaleResolver locales;
    private final long ttlNanos;
    private final Map<Key, Page> pages = new ConcurrentHashMap<>();
    private final Map<Key, Boolean> refreshing = new ConcurrentHashMap<>();
    private final AtomicReference<String> currentToken = new AtomicReference<>("");
    private final AtomicLong bytes = new AtomicLong();

    BlogPageCache(BlogContentVersion version, BlogLanguages languages, LocaleResolver locales, Duration ttl) {
        this.version = version;
        this.languages = languages;
        this.locales = locales;
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            try {
                chain.doFilter(request, response);
            } finally {
                // A write on this node: its author sees it on the next page, without waiting for the next check.
                version.forget();
            }
            return;
        }
        if (ttlNanos <= 0 || !cacheable(request)) {
            chain.doFilter(request, response);
            return;
        }
        var stamp = version.current(Instant.now());
        String previous = currentToken.getAndSet(stamp.token());
        if (!stamp.token().equals(previous)) {
            clear();
        }
        var key = new Key(method, request.getRequestURI(), request.getQueryString(), locales.resolveLocale(request));
        long now = System.nanoTime();
        Page known = pages.get(key);
        if (known != null && known.token().equals(stamp.token())) {
            // Expired by age only: one request renders it again, the others keep getting this rendering meanwhile.
            if (now - known.storedAt() < ttlNanos || refreshing.putIfAbsent(key, Boolean.TRUE) != null) {
                known.writeTo(request, response);
                return;
            }
            try {
                render(request, response, chain, key, stamp, known, now);
            } finally {
                refreshing.remove(key);
            }
            return;
        }
        render(request, response, chain, key, stamp, null, now);
    }

    private void render(
            HttpServletRequest request,
            HttpServletResponse response,
            FilterChain chain,
            Key key,
            BlogContentVersion.Stamp stamp,
            @Nullable Page known,
            long now)
            throws ServletException, IOException {
        var captured = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, captured);
        byte[] body = captured.getContentAsByteArray();
        if (!SharedPages.shareable(request, captured, body)) {
            captured.copyBodyToResponse();
            return;
        }
        String etag = etag(body);
        // The content's last change, unless the page changed since the last rendering for another reason.
        Instant lastModified = known == null || known.etag().equals(etag) ? stamp.lastModified() : Instant.now();
        var page = new Page(
                stamp.token(),
                now,
                body,
                SharedPages.headers(captured),
                etag,
                lastModified.truncatedTo(ChronoUnit.SECONDS));
        if (bytes.addAndGet(body.length) > MAX_BYTES) {
            clear();
            bytes.addAndGet(body.length);
        }
        if (stamp.token().equals(currentToken.get())) {
            pages.put(key, page);
        }
        captured.resetBuffer();
        page.writeTo(request, response);
    }

    private void clear() {
        pages.clear();
        bytes.set(0);
    }

    private boolean cacheable(HttpServletRequest request) {
        if (request.getUserPrincipal() != null
                || request.getSession(false) != null
                || request.getHeader("HX-Request") != null) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/blog")
                || path.equals("/blog/feed.atom")
                || path.equals("/blog/feed.rss")
                || path.equals("/sitemap.xml")) {
            return true;
        }
        // A post: /blog/{language}/{slug}; other pages under /blog (incidents, images) are not in a blog language.
        String[] parts = path.split("/", -1);
        return parts.length == 4 && parts[1].equals("blog") && languages.supported(parts[2]) && !parts[3].isEmpty();
    }

    private static String etag(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return '"' + HexFormat.of().formatHex(hash, 0, 16) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private record Key(String method, String uri, @Nullable String query, Locale locale) {}

    private record Page(
            String token,
            long storedAt,
            byte[] body,
            Map<String, List<String>> headers,
            String etag,
            Instant lastModified) {

        void writeTo(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setHeader(HttpHeaders.ETAG, etag);
            response.setDateHeader(HttpHeaders.LAST_MODIFIED, lastModified.toEpochMilli());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
            response.setHeader(HttpHeaders.VARY, "Accept-Language, Cookie");
            if (notModified(request)) {
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                return;
            }
            SharedPages.writeHeaders(response, headers);
            response.setContentLength(body.length);
            if (!"HEAD".equals(request.getMethod())) {
                response.getOutputStream().write(body);
            }
        }

        /** If-None-Match decides when it is sent (RFC 9110, 13.2.2); If-Modified-Since only without it. */
        private boolean notModified(HttpServletRequest request) {
            String match = request.getHeader(HttpHeaders.IF_NONE_MATCH);
            if (match != null) {
                for (String tag : match.split(",")) {
                    String candidate = tag.strip();
                    if (candidate.equals("*") || candidate.equals(etag) || candidate.equals("W/" + etag)) {
                        return true;
                    }
                }
                return false;
            }
            try {
                long since = request.getDateHeader(HttpHeaders.IF_MODIFIED_SINCE);
                return since >= 0 && lastModified.toEpochMilli() <= since;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }
}
