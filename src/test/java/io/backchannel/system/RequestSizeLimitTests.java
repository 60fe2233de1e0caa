package io.backchannel.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Oversized bodies against the real servlet container: MockMvc neither follows the forward to the error page nor
 * parses bodies the way Tomcat does. Raw sockets, because the server answers and closes before the body is sent.
 */
@IntegrationTest
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RequestSizeLimitTests {

    private static final int OVER_LIMIT = 2 * 1024 * 1024 + 1024;

    @LocalServerPort
    int port;

    @Test
    void browsersGetTheTranslatedPageAndOtherClientsAProblemDocument() throws Exception {
        byte[] form = form(OVER_LIMIT);
        Response english = send("/register", "text/html", "en", "application/x-www-form-urlencoded", form, false);
        assertThat(english.status()).isEqualTo(413);
        assertThat(english.header("content-type")).startsWith("text/html");
        assertThat(english.page().select("main h1").text()).isEqualTo("Request too large");

        Response german = send("/register", "text/html", "de", "application/x-www-form-urlencoded", form, false);
        assertThat(german.status()).isEqualTo(413);
        assertThat(german.page().select("main h1").text()).isEqualTo("Anfrage zu groß");
        assertThat(german.page().title()).isEqualTo("Anfrage zu groß");

        byte[] json = ("{\"text\":\"" + "x".repeat(OVER_LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);
        Response api = send("/api/me", "application/json", "de", "application/json", json, false);
        assertThat(api.status()).isEqualTo(413);
        assertThat(api.header("content-type")).startsWith("application/problem+json");
        assertThat(api.body())
                .contains("\"status\":413")
                .contains("\"title\":\"Anfrage zu groß\"")
                .contains("\"instance\":\"/api/me\"");
    }

    @Test
    void formsUnderTheLimitAreValidatedAndChunkedFormsAreRefusedWithATranslatedPage() throws Exception {
        var browser = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .cookieHandler(new java.net.CookieManager())
                .build();
        URI register = URI.create("http://localhost:" + port + "/register");
        var empty = browser.send(HttpRequest.newBuilder(register).build(), HttpResponse.BodyHandlers.ofString());
        String token = Jsoup.parse(empty.body()).select("input[name=_csrf]").attr("value");
        var large = browser.send(
                HttpRequest.newBuilder(register)
                        .header("Accept-Language", "de")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "_csrf=" + token + "&" + new String(form(1536 * 1024), StandardCharsets.US_ASCII)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(large.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(large.body()).select(".field-error").text()).contains("höchstens 100 Zeichen");

        Response chunked =
                send("/register", "text/html", "de", "application/x-www-form-urlencoded", form(OVER_LIMIT), true);
        assertThat(chunked.status()).isEqualTo(411);
        assertThat(chunked.page().select("main h1").text()).isEqualTo("Längenangabe erforderlich");
        assertThat(chunked.header("content-security-policy")).contains("script-src 'self'");
    }

    private static byte[] form(int size) {
        return ("email=a%40example.org&displayName=" + "x".repeat(size)).getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes the request on its own thread and reads whatever the server answers, even if it stops reading. */
    private Response send(String path, String accept, String language, String type, byte[] body, boolean chunked)
            throws Exception {
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept + "\r\nAccept-Language: "
                + language + "\r\nContent-Type: " + type + "\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n")
                + "Connection: close\r\n\r\n";
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    if (chunked) {
                        for (int i = 0; i < body.length; i += 8192) {
                            int n = Math.min(8192, body.length - i);
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.write(body, i, n);
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    } else {
                        out.write(body);
                    }
                    out.flush();
                } catch (IOException e) {
                    // The server may answer and close before it has read everything: that is what is tested.
                }
            });
            String response = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            writer.join(30_000);
            return Response.parse(response);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes.write(buffer, 0, n);
            }
        } catch (java.net.SocketException e) {
            if (bytes.size() == 0) {
                throw e;
            }
        }
        return bytes.toByteArray();
    }

    record Response(int status, String head, String body) {

        static Response parse(String raw) {
            int split = raw.indexOf("\r\n\r\n");
            assertThat(split).as("an HTTP response: %s", raw).isPositive();
            String head = raw.substring(0, split);
            return new Response(Integer.parseInt(head.substring(9, 12)), head, raw.substring(split + 4));
        }

        String header(String name) {
            return head.lines()
                    .filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith(name + ":"))
                    .map(line -> line.substring(name.length() + 1).strip())
                    .findFirst()
                    .orElse("");
        }

        Document page() {
            return Jsoup.parse(body);
        }
    }
}
