package io.backchannel.channels.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WebhookTargetsTests {

    private final WebhookTargets targets = new WebhookTargets();
    private final UUID id = UUID.randomUUID();
    private final AtomicInteger loads = new AtomicInteger();

    private Optional<WebhookTargets.Target> load(String secret) {
        loads.incrementAndGet();
        var connector = new Connector(
                id, ConnectorKind.WEBHOOK, "hook", Map.of(), true, true, null, null, null, null, null, 0, null);
        return Optional.of(new WebhookTargets.Target(connector, secret));
    }

    @Test
    void aHeldConnectorIsReadAgainOnlyWhenHeldTooLongOrChanged() {
        Instant now = Instant.now();
        assertThat(targets.find(id, now, () -> load("one")).orElseThrow().secret())
                .isEqualTo("one");
        assertThat(targets.find(id, now.plusSeconds(1), () -> load("two"))
                        .orElseThrow()
                        .secret())
                .isEqualTo("one");
        assertThat(loads).hasValue(1);

        targets.changed(id);
        assertThat(targets.find(id, now.plusSeconds(2), () -> load("three"))
                        .orElseThrow()
                        .secret())
                .isEqualTo("three");
        Instant later = now.plus(WebhookTargets.KEEP).plusSeconds(3);
        assertThat(targets.find(id, later, () -> load("four")).orElseThrow().secret())
                .isEqualTo("four");
        assertThat(loads).hasValue(3);
    }

    @Test
    void manyDeliveriesAtOnceReadTheConnectorOnce() throws Exception {
        Instant now = Instant.now();
        findAtOnce(now, "first");
        assertThat(loads).hasValue(1);

        // Held too long: one of them reads it again, the others go on with what is held.
        findAtOnce(now.plus(WebhookTargets.KEEP).plusSeconds(1), "second");
        assertThat(loads).hasValue(2);
    }

    /** 64 deliveries from 16 threads look the connector up at the same moment; each finds it. */
    private void findAtOnce(Instant at, String secret) throws Exception {
        var start = new CountDownLatch(1);
        List<Future<Optional<WebhookTargets.Target>>> found = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 64; i++) {
                found.add(pool.submit(() -> {
                    start.await();
                    return targets.find(id, at, () -> load(secret));
                }));
            }
            start.countDown();
            for (var each : found) {
                assertThat(each.get()).isPresent();
            }
        }
    }

    @Test
    void aConnectorThatIsGoneIsNotHeld() {
        Instant now = Instant.now();
        assertThat(targets.find(id, now, Optional::empty)).isEmpty();
        assertThat(targets.find(id, now, () -> load("back")).orElseThrow().secret())
                .isEqualTo("back");
    }
}
