package io.backchannel.ideas.internal;

import io.backchannel.system.NotFoundException;
import io.backchannel.system.WebhookSignatures;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Admins register webhook endpoints, read their delivery logs and send deliveries again. */
@Service
@Transactional
public class WebhookAdministration {

    private final Webhooks webhooks;
    private final ApplicationEventPublisher events;

    WebhookAdministration(Webhooks webhooks, ApplicationEventPublisher events) {
        this.webhooks = webhooks;
        this.events = events;
    }

    /** Registers the endpoint and returns its signing secret, which is shown this once. */
    public Registered register(String url, List<WebhookEvent> subscribed) {
        if (!acceptable(url)) {
            throw new UnacceptableUrl(url);
        }
        String secret = WebhookSignatures.newSecret();
        return new Registered(webhooks.create(url.strip(), secret, List.copyOf(subscribed)), secret);
    }

    /** Only absolute http and https addresses with a host: no file:, javascript: or other schemes. */
    public static boolean acceptable(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null
                    && uri.getRawUserInfo() == null
                    && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    public void remove(UUID id) {
        webhooks.delete(id);
    }

    @Transactional(readOnly = true)
    public List<Webhooks.Endpoint> endpoints() {
        return webhooks.all();
    }

    @Transactional(readOnly = true)
    public Webhooks.Endpoint endpoint(UUID id) {
        return webhooks.byId(id).orElseThrow(() -> new NotFoundException("webhook " + id));
    }

    @Transactional(readOnly = true)
    public List<Webhooks.DeliveryRow> log(UUID id) {
        return webhooks.log(id);
    }

    /** Queues the delivery again; it is sent right after this transaction commits. */
    public void redeliver(UUID webhookId, UUID deliveryId) {
        if (!webhooks.redeliver(webhookId, deliveryId)) {
            throw new NotFoundException("delivery " + deliveryId);
        }
        events.publishEvent(new WebhookOutbox.WebhooksQueued(List.of(deliveryId)));
    }

    public record Registered(UUID id, String secret) {}

    /** Not an absolute http or https address. */
    public static class UnacceptableUrl extends RuntimeException {
        UnacceptableUrl(String url) {
            super("Not an http(s) URL: " + url.length() + " characters");
        }
    }
}
