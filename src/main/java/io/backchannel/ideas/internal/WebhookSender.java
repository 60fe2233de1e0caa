package io.backchannel.ideas.internal;

import io.backchannel.system.WebhookSignatures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
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
        byte[] payload = delivery.payload().getBytes(StandardCharsets.UTF_8);
        try {
            var request = WebhookSignatures.signedPost(URI.create(delivery.url()), delivery.secret(), payload, timeout)
                    .header("User-Agent", "Backchannel-Webhooks/1")
                    .header(EVENT, delivery.event().wireName())
                    .header(DELIVERY, delivery.id().toString())
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
}
