package io.backchannel.system.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.support.TransactionTemplate;

/** Events reach their listeners on the bounded pool, and a listener that failed runs again on the retry schedule. */
@IntegrationTest
class EventDeliveryTests {

    record Probe(UUID id, int failures) {}

    /** Fails as often as the event asks, then succeeds; remembers which threads ran it (read through methods: proxied). */
    static class ProbeListener {
        private final AtomicInteger calls = new AtomicInteger();
        private final List<String> threads = new CopyOnWriteArrayList<>();

        int calls() {
            return calls.get();
        }

        List<String> threads() {
            return List.copyOf(threads);
        }

        @ApplicationModuleListener
        void on(Probe probe) {
            threads.add(Thread.currentThread().getName());
            if (calls.incrementAndGet() <= probe.failures()) {
                throw new IllegalStateException("upstream is down");
            }
        }
    }

    @TestConfiguration
    static class Listeners {
        @Bean
        ProbeListener probeListener() {
            return new ProbeListener();
        }
    }

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProbeListener listener;

    @Autowired
    EventDelivery delivery;

    @Test
    void aFailedListenerRunsAgainOnTheBoundedPoolUntilItCompletes() {
        var probe = new Probe(UUID.randomUUID(), 1);
        transactions.executeWithoutResult(status -> events.publishEvent(probe));

        await(() -> "FAILED".equals(status(probe)));
        assertThat(completed(probe)).isFalse();

        delivery.retryFailed();

        await(() -> completed(probe));
        assertThat(listener.calls()).isEqualTo(2);
        assertThat(listener.threads()).allSatisfy(name -> assertThat(name).startsWith("event-"));
    }

    String status(Probe probe) {
        return jdbc.sql("select status from event_publication where serialized_event like ?")
                .param("%" + probe.id() + "%")
                .query(String.class)
                .optional()
                .orElse("");
    }

    boolean completed(Probe probe) {
        return jdbc.sql("select count(*) from event_publication where serialized_event like ?"
                                + " and completion_date is not null")
                        .param("%" + probe.id() + "%")
                        .query(Long.class)
                        .single()
                == 1;
    }

    static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited 20 s").isBefore(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
