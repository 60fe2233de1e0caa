package io.backchannel.demo;

import io.backchannel.channels.PostCaptured;
import io.backchannel.channels.PostsCaptured;
import io.backchannel.listening.InboxSetup;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The demo inbox: Support takes every conversation, two canned replies, a goodwill budget of 50 euros and three
 * vouchers a day for every staff member, and a few posts told as if a connector had heard them (so they take the real
 * way into the inbox: threading, enrichment, routing, assignment), with a brand and a competitor listening query so
 * that the dashboard's share of voice shows both.
 */
@Component
class DemoInbox {

    /** The demo's made-up connector; replies to its posts fail, as no such connector exists. */
    static final UUID CONNECTOR = UUID.fromString("00000000-0000-0000-0000-00000000de40");

    private final InboxSetup setup;
    private final ApplicationEventPublisher events;

    DemoInbox(InboxSetup setup, ApplicationEventPublisher events) {
        this.setup = setup;
        this.events = events;
    }

    void load(UUID support) {
        setup.defaultTeam(support);
        setup.addCannedReply(
                "Thanks", "en", "Hi {name}, thank you for writing to us! We are looking into it. – {agent}");
        setup.defaultGoodwillBudget("EUR", new java.math.BigDecimal("50.00"), 3);
        setup.addCannedReply("Danke", "de", "Hallo {name}, danke für Ihre Nachricht! Wir kümmern uns darum. – {agent}");
        setup.addListeningQuery("Our app", "app OR order* OR anmelden OR login OR #app", false);
        setup.addListeningQuery("RivalDesk", "rivaldesk OR \"rival desk\" OR @rivaldesk", true);
        Instant now = Instant.now();
        heard(
                "demo-1",
                null,
                "@lee@example.social",
                "Lee",
                "My order #4711 still has not arrived, any news?",
                "en",
                now.minus(Duration.ofHours(5)));
        heard(
                "demo-2",
                "demo-1",
                "@lee@example.social",
                "Lee",
                "It was due last Friday.",
                "en",
                now.minus(Duration.ofHours(4)));
        heard(
                "demo-3",
                null,
                "@kim@example.social",
                "Kim",
                "Die neue App ist großartig, danke! #app",
                "de",
                now.minus(Duration.ofHours(2)));
        heard(
                "demo-4",
                null,
                "@nora@example.social",
                "Nora",
                "Warum kann ich mich seit heute nicht mehr anmelden?",
                "de",
                now.minus(Duration.ofMinutes(30)));
        heard(
                "demo-6",
                null,
                "@sam@example.social",
                "Sam",
                "Switched to RivalDesk last week and never looked back.",
                "en",
                now.minus(Duration.ofMinutes(20)));
        heard("demo-5", null, "@maria@example.social", "María", "🙃🙃", null, now.minus(Duration.ofMinutes(10)));
    }

    private void heard(
            String id,
            @Nullable String inReplyTo,
            String handle,
            String name,
            String text,
            @Nullable String language,
            Instant at) {
        events.publishEvent(PostsCaptured.of(new PostCaptured(
                UUID.nameUUIDFromBytes(("demo-inbox-" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                CONNECTOR,
                "mastodon",
                id,
                inReplyTo,
                handle,
                name,
                text,
                null,
                language,
                false,
                at,
                at)));
    }
}
