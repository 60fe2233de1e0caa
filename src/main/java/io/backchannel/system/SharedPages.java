package io.backchannel.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * What the page caches (the public micro-cache here, the blog's own) agree on before they hand one visitor's rendering
 * to the next: only a complete page with nothing personal in it, kept with the headers worth repeating.
 */
public final class SharedPages {

    private static final byte[] FORM_TOKEN = "_csrf".getBytes(StandardCharsets.US_ASCII);

    private SharedPages() {}

    /** A 200 with a content type that set no cookie, opened no session and carries no form token. */
    public static boolean shareable(HttpServletRequest request, HttpServletResponse response, byte[] body) {
        return response.getStatus() == HttpServletResponse.SC_OK
                && response.getContentType() != null
                && !response.containsHeader(HttpHeaders.SET_COOKIE)
                && request.getSession(false) == null
                && !contains(body, FORM_TOKEN);
    }

    /** The response's headers without cookies and length (the cache writes its own), with the content type. */
    public static Map<String, List<String>> headers(HttpServletResponse response) {
        var headers = new LinkedHashMap<String, List<String>>();
        for (String name : response.getHeaderNames()) {
            if (!HttpHeaders.SET_COOKIE.equalsIgnoreCase(name) && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
                headers.put(name, List.copyOf(response.getHeaders(name)));
            }
        }
        headers.put(HttpHeaders.CONTENT_TYPE, List.of(response.getContentType()));
        return headers;
    }

    /** Writes headers kept by {@link #headers} to the answer of a later request, each value of a repeated one. */
    public static void writeHeaders(HttpServletResponse response, Map<String, List<String>> headers) {
        headers.forEach((name, values) -> {
            response.setHeader(name, values.getFirst());
            values.stream().skip(1).forEach(value -> response.addHeader(name, value));
        });
    }

    /**
     * Searches the UTF-8 bytes as they are: an ASCII word never appears inside another character's bytes, so there is
     * no need to decode the whole page into a string first.
     */
    private static boolean contains(byte[] body, byte[] word) {
        outer:
        for (int i = 0; i <= body.length - word.length; i++) {
            for (int j = 0; j < word.length; j++) {
                if (body[i + j] != word[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
