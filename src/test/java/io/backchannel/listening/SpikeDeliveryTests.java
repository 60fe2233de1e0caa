package io.backchannel.listening;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.backchannel.IntegrationTest;
import io.backchannel.listening.internal.SpikeWatch;
import io.backchannel.system.WebhookSignatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A spike is mailed to the configured addresses and told to the webhook, signed, even when the receiver was down. */
@IntegrationTest
class SpikeDeliveryTests extends ListeningIntegrationTest {

    static final String SECRET = "whsec_spike-test";
    static final String RECIPIENT = "alerts-" + UUID.randomUUID() + "@example.org";

    record Received(String timestamp, String signature, byte[] body) {}

    static final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    static final AtomicInteger status = new AtomicInteger(204);
    static final HttpServer receiver = receiver();

    static HttpServer receiver() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/spikes", exchange -> {
                received.add(new Received(
                        exchange.getRequestHeaders().getFirst(WebhookSignatures.TIMESTAMP),
                        exchange.getRequestHeaders().getFirst(WebhookSignatures.SIGNATURE),
                        exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(status.get(), -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void deliveries(DynamicPropertyRegistry registry) {
        registry.add(
                "backchannel.listening.spike.webhook-url",
                () -> "http://127.0.0.1:" + receiver.getAddress().getPort() + "/spikes");
        registry.add("backchannel.listening.spike.webhook-secret", () -> SECRET);
        registry.add("backchannel.listening.spike.mail-to", () -> RECIPIENT + ", ");
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    @Autowired
    SpikeWatch spikes;

    @Autowired
    IncompleteEventPublications incomplete;

    void burst(String topic) {
        supportByDefault();
        for (int i = 0; i < 12; i++) {
            capture(heard("d" + i + "-" + UUID.randomUUID(), null, "@d" + i, "The app is broken #" + topic));
        }
        spikes.check();
    }

    Optional<Received> deliveryAbout(String topic) throws InterruptedException {
        var next = received.poll(10, TimeUnit.SECONDS);
        while (next != null && !new String(next.body(), StandardCharsets.UTF_8).contains("\"" + topic + "\"")) {
            next = received.poll(10, TimeUnit.SECONDS);
        }
        return Optional.ofNullable(next);
    }

    @Test
    void spikeIsMailedAndToldToTheWebhookWithAValidSignature() throws Exception {
        status.set(204);
        String topic = "mailed" + marker;
        burst(topic);

        assertThat(jdbc.sql("select subject from system_mail where recipient = ?")
                        .param(RECIPIENT)
                        .query(String.class)
                        .list())
                .filteredOn(subject -> subject.contains("#" + topic))
                .singleElement()
                .asString()
                .matches("Negative spike in #" + topic + ": 1[0-2] negative conversations");

        var delivery = deliveryAbout(topic).orElseThrow();
        assertThat(WebhookSignatures.verify(
                        SECRET, delivery.timestamp(), delivery.signature(), delivery.body(), Instant.now()))
                .isTrue();
        assertThat(new String(delivery.body(), StandardCharsets.UTF_8))
                .contains("\"event\":\"listening.spike\"", "\"kind\":\"NEGATIVE\"", "\"topic\":\"" + topic + "\"");
    }

    @Test
    void receiverThatWasDownGetsTheSpikeWhenItIsSentAgain() throws Exception {
        status.set(503);
        String topic = "resent" + marker;
        burst(topic);
        assertThat(deliveryAbout(topic)).as("the refused attempt").isPresent();
        await(() -> incompleteSpikes(topic) > 0 ? Optional.of(true) : Optional.empty());

        status.set(200);
        incomplete.resubmitIncompletePublicationsOlderThan(Duration.ZERO);
        var delivery = deliveryAbout(topic).orElseThrow();
        assertThat(WebhookSignatures.verify(
                        SECRET, delivery.timestamp(), delivery.signature(), delivery.body(), Instant.now()))
                .isTrue();
        await(() -> incompleteSpikes(topic) == 0 ? Optional.of(true) : Optional.empty());
    }

    long incompleteSpikes(String topic) {
        return jdbc.sql(
                        """
                        select count(*) from event_publication
                        where event_type like '%SpikeDetected' and completion_date is null and serialized_event like ?
                        """)
                .param("%\"" + topic + "\"%")
                .query(Long.class)
                .single();
    }
}
