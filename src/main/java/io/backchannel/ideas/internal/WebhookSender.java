package io.backchannel.ideas.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Posts stored deliveries to their endpoints once the transaction that stored them committed, and retries failures
 * with growing pauses. Each attempt holds a row lock on its delivery ({@code FOR UPDATE SKIP LOCKED}), so a delivery
 * is never sent twice at once, even when the retry runs on several nodes.
 */
@Component
class WebhookSender {

    static final String EVENT = "X-Backchannel-Event";
    static final String DELIVERY = "X-Backchannel-Delivery";
    static final String TIMESTAMP = "X-Backchannel-Timestamp";
    static final String SIGNATURE = "X-Backchannel-Signature";

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final Webhooks webhooks;
    private final TransactionTemplate transactions;
    private final HttpClient client;
    private final Duration timeout;
    private final int maxAttempts;

    WebhookSender(
            Webhooks webhooks,
            TransactionTemplate transactions,
            @Value("${backchannel.ideas.webhooks.timeout:10s}") Duration timeout,
            @Value("${backchannel.ideas.webhooks.max-attempts:8}") int maxAttempts) {
        this.webhooks = webhooks;
        this.transactions = transactions;
        this.timeout = timeout;
        this.maxAttempts = maxAttempts;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Async
    @TransactionalEventListener
    void onQueued(WebhookOutbox.WebhooksQueued queued) {
        queued.ids().forEach(this::deliver);
    }

    @Scheduled(
            fixedDelayString = "${backchannel.ideas.webhooks.retry-interval:30s}",
            initialDelayString = "${backchannel.ideas.webhooks.retry-interval:30s}")
    void retryDue() {
        webhooks.due().forEach(this::deliver);
    }

    void deliver(UUID id) {
        transactions.executeWithoutResult(status -> webhooks.claim(id).ifPresent(this::attempt));
    }

    private void attempt(Webhooks.Claimed delivery) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        try {
            var request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Backchannel-Webhooks/1")
                    .header(EVENT, delivery.event().wireName())
                    .header(DELIVERY, delivery.id().toString())
                    .header(TIMESTAMP, timestamp)
                    .header(SIGNATURE, "sha256=" + sign(delivery.secret(), timestamp + "." + delivery.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
                    .build();
            int code =
                    client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (code >= 200 && code < 300) {
                webhooks.markDelivered(delivery.id(), code);
            } else {
                failed(delivery, code, "HTTP " + code);
            }
        } catch (IOException | IllegalArgumentException e) {
            failed(
                    delivery,
                    null,
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(delivery, null, "interrupted");
        }
    }

    private void failed(Webhooks.Claimed delivery, @Nullable Integer code, String error) {
        log.warn(
                "Webhook delivery {} to {} failed (attempt {}): {}",
                delivery.id(),
                delivery.url(),
                delivery.attempts() + 1,
                error);
        webhooks.markFailedAttempt(delivery.id(), code, error, maxAttempts);
    }

    /** The hex HMAC-SHA256 of the text with the endpoint's secret: what receivers compute to check a delivery. */
    static String sign(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
