package io.backchannel.system.internal;

import io.backchannel.system.SharedPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * Renderings of versioned public pages, kept gzipped within a byte budget: a large portal's idea pages fit in a few
 * hundred megabytes this way (a 5 KB page takes about 1.5 KB). Browsers get the gzipped bytes as they are; a client
 * that does not accept gzip gets them inflated, which costs far less than rendering. When the budget is spent, pages
 * are dropped in the map's order, which has nothing to do with their use: as good as random, and without the
 * bookkeeping of a least-recently-used list on every hit.
 */
final class KeptPages<K> {

    private final Map<K, Page> pages = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final long maxBytes;

    KeptPages(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Nullable
    Page get(K key) {
        return pages.get(key);
    }

    void put(K key, Object version, long storedAt, byte[] body, Map<String, List<String>> headers) {
        var page = new Page(version, storedAt, gzip(body), body.length, headers);
        Page previous = pages.put(key, page);
        bytes.addAndGet(page.size() - (previous == null ? 0 : previous.size()));
        if (bytes.get() > maxBytes) {
            shrink();
        }
    }

    long bytes() {
        return bytes.get();
    }

    int size() {
        return pages.size();
    }

    /** Down to nine tenths of the budget, so that the next pages do not each start another sweep. */
    private synchronized void shrink() {
        Iterator<Page> it = pages.values().iterator();
        while (bytes.get() > maxBytes * 9 / 10 && it.hasNext()) {
            Page page = it.next();
            it.remove();
            bytes.addAndGet(-page.size());
        }
    }

    private static byte[] gzip(byte[] body) {
        var out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (var zip = new GZIPOutputStream(out)) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    record Page(Object version, long storedAt, byte[] gzipped, int length, Map<String, List<String>> headers) {

        long size() {
            return gzipped.length + 200L;
        }

        void writeTo(HttpServletRequest request, HttpServletResponse response) throws IOException {
            SharedPages.writeHeaders(response, headers);
            response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
            if (acceptsGzip(request)) {
                response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
                response.setContentLength(gzipped.length);
                response.getOutputStream().write(gzipped);
            } else {
                response.setContentLength(length);
                try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 8192)) {
                    in.transferTo(response.getOutputStream());
                }
            }
        }

        private static boolean acceptsGzip(HttpServletRequest request) {
            var accepted = request.getHeaders(HttpHeaders.ACCEPT_ENCODING);
            while (accepted.hasMoreElements()) {
                for (String coding : accepted.nextElement().split(",")) {
                    String[] parts = coding.split(";");
                    if (parts[0].trim().equalsIgnoreCase("gzip")) {
                        return parts.length == 1 || quality(parts[1]) > 0;
                    }
                }
            }
            return false;
        }

        private static double quality(String parameter) {
            String value = parameter.trim();
            try {
                return value.startsWith("q=") ? Double.parseDouble(value.substring(2)) : 1;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
