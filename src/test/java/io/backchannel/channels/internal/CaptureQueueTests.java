package io.backchannel.channels.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.system.WebhookSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The group commit behind the webhook: what a batch does when one of its posts cannot be stored, and when stopping. */
@IntegrationTest
class CaptureQueueTests {

    @Autowired
    CaptureQueue queue;

    @Autowired
    Connectors connectors;

    @Autowired
    Posts posts;

    @Autowired
    MockMvc mvc;

    private Connector webhook() {
        UUID id = connectors.create(ConnectorKind.WEBHOOK, "queue " + UUID.randomUUID(), Map.of(), "secret");
        return connectors.get(id);
    }

    private static IncomingPost incoming(String id, String handle) {
        return new IncomingPost(
                id,
                null,
                handle,
                "Kundin",
                "Mein Paket ist nicht angekommen.",
                null,
                "de",
                null,
                false,
                Instant.now(),
                ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    @Test
    void aPostThatCannotBeStoredFailsAloneAndTheOthersOfItsBatchAreKept() throws Exception {
        Connector connector = webhook();
        var start = new CountDownLatch(1);
        List<Future<Optional<UUID>>> answers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(12)) {
            for (int i = 0; i < 12; i++) {
                // PostgreSQL text holds no NUL: this one's insert fails, and with it the batch it lands in.
                String handle = i == 5 ? "@broken\u0000" : "@kundin" + i;
                IncomingPost post = incoming("q-" + i, handle);
                answers.add(pool.submit(() -> {
                    start.await();
                    return queue.capture(connector, post);
                }));
            }
            start.countDown();
            for (int i = 0; i < answers.size(); i++) {
                if (i == 5) {
                    Future<Optional<UUID>> broken = answers.get(i);
                    assertThatThrownBy(broken::get).isInstanceOf(ExecutionException.class);
                } else {
                    assertThat(answers.get(i).get()).isPresent();
                }
            }
        }
        assertThat(posts.count(connector.id())).isEqualTo(11);
        assertThat(queue.capture(connector, incoming("q-0", "@kundin0")))
                .as("a repeat")
                .isEmpty();
    }

    @Test
    void aStoppedQueueTakesNothingAndTheSenderIsToldToComeBack() throws Exception {
        Connector connector = webhook();
        byte[] body = "{\"id\": \"s-2\", \"author\": {\"handle\": \"@kundin\"}, \"text\": \"Hallo\"}"
                .getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        queue.stop();
        try {
            assertThatThrownBy(() -> queue.capture(connector, incoming("s-1", "@kundin")))
                    .isInstanceOf(CaptureQueue.Busy.class);
            mvc.perform(post("/api/channels/webhook/{id}", connector.id())
                            .contentType(MediaType.APPLICATION_JSON)
                            .header("Accept-Language", "de")
                            .header(WebhookSignatures.TIMESTAMP, Long.toString(now))
                            .header(WebhookSignatures.SIGNATURE, WebhookSignatures.sign("secret", now, body))
                            .content(body))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.reason").value("channels.webhook.busy"))
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("Gerade warten")));
        } finally {
            queue.start();
        }
        assertThat(queue.capture(connector, incoming("s-1", "@kundin"))).isPresent();
    }
}
