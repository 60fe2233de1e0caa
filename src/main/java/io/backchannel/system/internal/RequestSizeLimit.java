package io.backchannel.system.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the configured size with 413 before anything reads them, and form posts of unknown
 * length (chunked; browsers always say how long a form is) with 411, because the servlet container would parse them
 * without this limit. File uploads have their own, larger limit (multipart settings) and pass here.
 */
class RequestSizeLimit extends OncePerRequestFilter {

    private final long maximumBytes;

    RequestSizeLimit(long maximumBytes) {
        this.maximumBytes = maximumBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type =
                request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        long length = request.getContentLengthLong();
        if (!type.startsWith("multipart/") && length > maximumBytes) {
            refuse(HttpStatus.CONTENT_TOO_LARGE, request, response);
        } else if (type.startsWith("application/x-www-form-urlencoded") && length < 0 && hasBody(request)) {
            refuse(HttpStatus.LENGTH_REQUIRED, request, response);
        } else {
            chain.doFilter(request, response);
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getHeader("Transfer-Encoding") != null;
    }

    /**
     * Shows the translated error page. The error page is reached with a view of the request that has no body: were it
     * the original, the error dispatch would parse the oversized form (CSRF token, language switch) and fail again.
     * This runs before the security filters, so the page gets their headers here.
     */
    private static void refuse(HttpStatus status, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status.value());
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
        response.setStatus(status.value());
        response.setHeader("Connection", "close");
        response.setHeader("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        request.getRequestDispatcher("/error").forward(new WithoutBody(request), response);
    }

    private static final class WithoutBody extends HttpServletRequestWrapper {

        WithoutBody(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public @Nullable String getParameter(String name) {
            return null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Map.of();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String @Nullable [] getParameterValues(String name) {
            return null;
        }

        @Override
        public long getContentLengthLong() {
            return 0;
        }

        @Override
        public int getContentLength() {
            return 0;
        }
    }
}
