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
 * Refuses request bodies over the configured size with 413 before anything reads them. File uploads have their own,
 * larger limit (multipart settings) and pass here.
 */
class RequestSizeLimit extends OncePerRequestFilter {

    private final long maximumBytes;

    RequestSizeLimit(long maximumBytes) {
        this.maximumBytes = maximumBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        boolean upload = type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
        if (!upload && request.getContentLengthLong() > maximumBytes) {
            refuse(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Shows the translated 413 page. The error page is reached with a view of the request that has no body: were it
     * the original, the error dispatch would parse the oversized form (CSRF token, language switch) and fail again.
     */
    private static void refuse(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        int status = HttpStatus.CONTENT_TOO_LARGE.value();
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
        response.setStatus(status);
        response.setHeader("Connection", "close");
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
