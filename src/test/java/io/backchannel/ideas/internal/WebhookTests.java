package io.backchannel.ideas.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import io.backchannel.IntegrationTest;
import io.backchannel.ideas.IdeaStatus;
import io.backchannel.ideas.IdeasIntegrationTest;
import io.backchannel.identity.Role;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.transaction.support.TransactionTemplate;

/** Webhooks against a real HTTP server on loopback. */
@IntegrationTest
class WebhookTests extends IdeasIntegrationTest {

    @Autowired
    IdeaPortal portal;

    @Autowired
    WebhookSender sender;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MessageSource messages;

    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final AtomicInteger answer = new AtomicInteger(200);
    final List<HttpServer> servers = new ArrayList<>();
    MockHttpSession admin;
    UUID board;
    UUID author;

    @BeforeEach
    void setUp() throws Exception {
        admin = logIn("admin", Role.ADMIN, Role.STAFF);
        board = ideas.createCategory("hooks-" + UUID.randomUUID(), "Hooks", "", false);
        author = account("author");
    }

    @AfterEach
    void tearDown() {
        servers.forEach(server -> server.stop(0));
        jdbc.sql("delete from ideas_webhook").update();
    }

    @Test
    void onlyAdminsManageWebhooksAndNonHttpUrlsAreRefused() throws Exception {
        for (Role role : new Role[] {Role.CUSTOMER, Role.STAFF}) {
            var session = logIn("not-admin", role);
            mvc.perform(get("/admin/webhooks").session(session)).andExpect(status().isForbidden());
            mvc.perform(post("/admin/webhooks")
                            .session(session)
                            .with(csrf())
                            .param("url", "https://example.org/hook")
                            .param("events", "IDEA_SUBMITTED"))
                    .andExpect(status().isForbidden());
        }
        for (String bad : new String[] {
            "javascript:alert(1)",
            "ftp://example.org/hook",
            "file:///etc/passwd",
            "not a url",
            "http://",
            "https://user:secret@example.org/hook",
            "//example.org/hook",
            "<script>alert(1)</script>",
            "data:text/html,<svg onload=alert(1)>"
        }) {
            mvc.perform(register(bad, "IDEA_SUBMITTED"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("Enter an absolute http:// or https:// address")))
                    .andExpect(content().string(not(containsString("<script>alert(1)"))));
        }
        mvc.perform(register("", "IDEA_SUBMITTED"))
                .andExpect(content().string(containsString("Please fill in this field.")));
        mvc.perform(register("https://example.org/" + "a".repeat(2001), "IDEA_SUBMITTED"))
                .andExpect(content().string(containsString("Too long: at most 2000 characters.")));
        mvc.perform(post("/admin/webhooks").session(admin).with(csrf()).param("url", "https://example.org/hook"))
                .andExpect(content().string(containsString("Please choose at least one.")));
        mvc.perform(register("https://example.org/hook", "NO_SUCH_EVENT")).andExpect(status().isOk());
        assertThat(jdbc.sql("select count(*) from ideas_webhook")
                        .query(Integer.class)
                        .single())
                .isZero();

        var created = mvc.perform(register("https://example.org/hook", "IDEA_SUBMITTED"))
                .andExpect(flash().attribute("flash", "ideas.webhooks.created"))
                .andReturn();
        String secret = (String) created.getFlashMap().get("createdSecret");
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
        String log = created.getResponse().getRedirectedUrl();
        mvc.perform(get(log).session(admin)).andExpect(content().string(containsString(secret)));
        mvc.perform(get(log).session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString(secret))));
        mvc.perform(get("/admin/webhooks/" + UUID.randomUUID()).session(admin)).andExpect(status().isNotFound());
        mvc.perform(post(log + "/delete").session(admin).with(csrf()))
                .andExpect(flash().attribute("flash", "ideas.webhooks.deleted"));
        assertThat(jdbc.sql("select count(*) from ideas_webhook")
                        .query(Integer.class)
                        .single())
                .isZero();
        for (WebhookEvent event : WebhookEvent.values()) {
            for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.GERMAN}) {
                assertThat(messages.getMessage("ideas.webhooks.event." + event, null, locale))
                        .isNotBlank();
            }
        }
    }

    @Test
    void deliversSignedEventsToTheEndpointsThatSubscribed() throws Exception {
        int port = serve(0);
        var all = registered("http://127.0.0.1:" + port + "/all", "IDEA_SUBMITTED", "STATUS_CHANGED", "COMMENT_ADDED");
        var comments = registered("http://127.0.0.1:" + port + "/comments", "COMMENT_ADDED");

        long number = ideas.submit(author, board, "Signed hooks", "text");
        ideas.changeStatus(number, IdeaStatus.PLANNED, "Soon.", account("staff"));
        ideas.comment(number, author, "Thanks!", false);

        List<Received> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Received request = received.poll(20, TimeUnit.SECONDS);
            assertThat(request).as("delivery %d", i + 1).isNotNull();
            requests.add(request);
        }
        assertThat(requests)
                .filteredOn(r -> r.path().equals("/all"))
                .extracting(r -> r.header("X-Backchannel-Event"))
                .containsExactlyInAnyOrder("idea.submitted", "idea.status_changed", "idea.commented");
        assertThat(requests)
                .filteredOn(r -> r.path().equals("/comments"))
                .extracting(r -> r.header("X-Backchannel-Event"))
                .containsExactly("idea.commented");
        for (Received request : requests) {
            String secret = request.path().equals("/all") ? all.secret() : comments.secret();
            String timestamp = request.header("X-Backchannel-Timestamp");
            assertThat(Long.parseLong(timestamp))
                    .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
            assertThat(request.header("X-Backchannel-Signature"))
                    .isEqualTo("sha256=" + hmac(secret, timestamp + "." + request.body()));
            assertThat(request.header("X-Backchannel-Signature"))
                    .isNotEqualTo("sha256=" + hmac("whsec_wrong", timestamp + "." + request.body()));
            assertThat(request.header("Content-Type")).startsWith("application/json");
            assertThat(request.body()).contains("\"number\":" + number).contains("Signed hooks");
            UUID delivery = UUID.fromString(request.header("X-Backchannel-Delivery"));
            awaitTrue(() -> "DELIVERED".equals(delivery(delivery).get("status")));
            assertThat(delivery(delivery).get("response_code")).isEqualTo(200);
        }
    }

    @Test
    void deliveryIsStoredInThePublishingTransaction() throws Exception {
        var hook = registered("http://127.0.0.1:" + serve(0) + "/hook", "IDEA_SUBMITTED");
        transactions.executeWithoutResult(status -> {
            ideas.submit(author, board, "Rolled back", "text");
            assertThat(deliveries(hook.id())).hasSize(1);
            status.setRollbackOnly();
        });
        assertThat(deliveries(hook.id())).isEmpty();
        assertThat(received.poll(1, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void serverErrorIsRetriedLaterWithGrowingPausesAndGivenUpAfterTheLastAttempt() throws Exception {
        answer.set(500);
        var hook = registered("http://127.0.0.1:" + serve(0) + "/hook", "IDEA_SUBMITTED");
        ideas.submit(author, board, "Flaky receiver", "text");
        Received first = received.poll(20, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        UUID id = UUID.fromString(first.header("X-Backchannel-Delivery"));
        awaitTrue(() -> ((Integer) delivery(id).get("attempts")) == 1);
        var row = delivery(id);
        assertThat(row.get("status")).isEqualTo("PENDING");
        assertThat(row.get("response_code")).isEqualTo(500);
        assertThat(row.get("last_error")).isEqualTo("HTTP 500");
        Instant next = ((Timestamp) row.get("next_attempt_at")).toInstant();
        assertThat(next).isBetween(Instant.now().plusSeconds(40), Instant.now().plusSeconds(70));

        // Not yet due: the retry leaves it alone.
        sender.retryDue();
        assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();

        makeDue(id);
        sender.retryDue();
        assertThat(received.poll(10, TimeUnit.SECONDS)).isNotNull();
        row = delivery(id);
        assertThat(row.get("attempts")).isEqualTo(2);
        assertThat(((Timestamp) row.get("next_attempt_at")).toInstant())
                .isBetween(Instant.now().plusSeconds(100), Instant.now().plusSeconds(130));

        jdbc.sql("update ideas_webhook_delivery set attempts = 7, next_attempt_at = now() where id = ?")
                .param(id)
                .update();
        sender.retryDue();
        assertThat(received.poll(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(delivery(id).get("status")).isEqualTo("FAILED");
        mvc.perform(get("/admin/webhooks/" + hook.id()).session(admin))
                .andExpect(content().string(containsString("Given up")))
                .andExpect(content().string(containsString("HTTP 500")));

        answer.set(204);
        mvc.perform(post("/admin/webhooks/" + hook.id() + "/deliveries/" + id + "/redeliver")
                        .session(admin)
                        .with(csrf()))
                .andExpect(flash().attribute("flash", "ideas.webhooks.redelivered"));
        Received again = received.poll(20, TimeUnit.SECONDS);
        assertThat(again).isNotNull();
        assertThat(again.header("X-Backchannel-Delivery")).isEqualTo(id.toString());
        awaitTrue(() -> "DELIVERED".equals(delivery(id).get("status")));
        mvc.perform(post("/admin/webhooks/" + hook.id() + "/deliveries/" + UUID.randomUUID() + "/redeliver")
                        .session(admin)
                        .with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void deadPortIsLoggedAsErrorAndTheStoredDeliveryIsSentWhenTheEndpointIsBack() throws Exception {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var hook = registered("http://127.0.0.1:" + port + "/hook", "IDEA_SUBMITTED");
        ideas.submit(author, board, "Nobody listens", "text");
        awaitTrue(() -> deliveries(hook.id()).size() == 1
                && ((Integer) deliveries(hook.id()).getFirst().get("attempts")) == 1);
        var row = deliveries(hook.id()).getFirst();
        assertThat(row.get("status")).isEqualTo("PENDING");
        assertThat(row.get("response_code")).isNull();
        assertThat((String) row.get("last_error")).contains("ConnectException");
        mvc.perform(get("/admin/webhooks/" + hook.id()).session(admin))
                .andExpect(content().string(containsString("ConnectException")))
                .andExpect(content().string(containsString("Pending")))
                .andExpect(content().string(containsString("Redeliver")));

        // The delivery lives only in its table: whichever node (or restarted process) retries next sends it.
        serve(port);
        UUID id = (UUID) row.get("id");
        makeDue(id);
        sender.retryDue();
        Received request = received.poll(10, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.header("X-Backchannel-Delivery")).isEqualTo(id.toString());
        assertThat(delivery(id).get("status")).isEqualTo("DELIVERED");
    }

    private org.springframework.test.web.servlet.RequestBuilder register(String url, String... events) {
        var request = post("/admin/webhooks").session(admin).with(csrf()).param("url", url);
        return request.param("events", events);
    }

    private Registered registered(String url, String... events) throws Exception {
        var result = mvc.perform(register(url, events)).andReturn();
        String location = result.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/admin/webhooks/");
        return new Registered(UUID.fromString(location.substring("/admin/webhooks/".length())), (String)
                result.getFlashMap().get("createdSecret"));
    }

    private int serve(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
            received.add(new Received(exchange.getRequestURI().getPath(), headers, body));
            int code = answer.get();
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    private void makeDue(UUID id) {
        jdbc.sql("update ideas_webhook_delivery set next_attempt_at = now() where id = ?")
                .param(id)
                .update();
    }

    private Map<String, Object> delivery(UUID id) {
        return jdbc.sql("select * from ideas_webhook_delivery where id = ?")
                .param(id)
                .query()
                .singleRow();
    }

    private List<Map<String, Object>> deliveries(UUID webhookId) {
        return jdbc.sql("select * from ideas_webhook_delivery where webhook_id = ?")
                .param(webhookId)
                .query()
                .listOfRows();
    }

    private UUID account(String prefix) {
        return account(prefix, Role.CUSTOMER);
    }

    private static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition met in time").isBefore(end);
            Thread.sleep(50);
        }
    }

    record Registered(UUID id, String secret) {}

    record Received(String path, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }
}
