package io.backchannel.ideas.internal;

import io.backchannel.ideas.IdeaCommented;
import io.backchannel.ideas.IdeaStatusChanged;
import io.backchannel.ideas.IdeaSubmitted;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the portal's events into webhook deliveries. It listens synchronously, so each delivery is stored in the
 * transaction that published the event: committed together with the change, or not at all.
 */
@Component
class WebhookOutbox {

    private final Webhooks webhooks;
    private final Ideas ideas;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final String baseUrl;

    WebhookOutbox(
            Webhooks webhooks,
            Ideas ideas,
            JsonMapper json,
            ApplicationEventPublisher events,
            @Value("${backchannel.base-url}") String baseUrl) {
        this.webhooks = webhooks;
        this.ideas = ideas;
        this.json = json;
        this.events = events;
        this.baseUrl = baseUrl;
    }

    @EventListener
    void on(IdeaSubmitted submitted) {
        enqueue(WebhookEvent.IDEA_SUBMITTED, submitted.number(), Map.of("authorId", submitted.authorId()));
    }

    @EventListener
    void on(IdeaStatusChanged changed) {
        enqueue(
                WebhookEvent.STATUS_CHANGED,
                changed.number(),
                Map.of("from", changed.from().name(), "to", changed.to().name()));
    }

    @EventListener
    void on(IdeaCommented commented) {
        enqueue(
                WebhookEvent.COMMENT_ADDED,
                commented.number(),
                Map.of(
                        "commentId", commented.commentId(),
                        "authorId", commented.authorId(),
                        "staff", commented.staff()));
    }

    private void enqueue(WebhookEvent event, long number, Map<String, Object> details) {
        var idea = ideas.byNumber(number).orElseThrow();
        Map<String, Object> ideaPart = new LinkedHashMap<>();
        ideaPart.put("number", idea.number());
        ideaPart.put("title", idea.title());
        ideaPart.put("status", idea.status().name());
        ideaPart.put("category", idea.categorySlug());
        ideaPart.put("url", baseUrl + "/ideas/" + idea.number());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", event.wireName());
        payload.put("occurredAt", Instant.now().toString());
        payload.put("idea", ideaPart);
        payload.putAll(details);
        List<UUID> queued = webhooks.enqueue(event, json.writeValueAsString(payload));
        if (!queued.isEmpty()) {
            events.publishEvent(new WebhooksQueued(queued));
        }
    }

    /** Deliveries stored in the current transaction, to be sent once it commits. */
    record WebhooksQueued(List<UUID> ids) {}
}
