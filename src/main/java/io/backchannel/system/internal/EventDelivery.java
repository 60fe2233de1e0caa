package io.backchannel.system.internal;

import io.backchannel.system.ListenerThreads;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * How module events reach their asynchronous listeners. A fixed number of threads takes them from an
 * unbounded queue: with one thread per event, a burst of captures started more listeners than the database pool has
 * connections, and the listeners that waited too long for one failed. A queue never blocks the publisher, so a
 * listener that publishes in turn cannot deadlock; what waits in it is safe, as every publication is in the event log
 * until its listener completes. A listener that failed anyway (a dead upstream, a lost connection) is tried again on a
 * schedule instead of only at the next start.
 */
@Configuration(proxyBeanMethods = false)
class EventDelivery {

    private final FailedEventPublications failed;
    private final Duration retryAfter;

    EventDelivery(
            FailedEventPublications failed, @Value("${backchannel.events.retry-interval:1m}") Duration retryAfter) {
        this.failed = failed;
        this.retryAfter = retryAfter;
    }

    @Bean(name = {"applicationTaskExecutor", "taskExecutor"})
    ThreadPoolTaskExecutor applicationTaskExecutor(@Value("${backchannel.events.listener-threads:6}") int threads) {
        return ListenerThreads.executor("event-", threads);
    }

    @Scheduled(
            fixedDelayString = "${backchannel.events.retry-interval:1m}",
            initialDelayString = "${backchannel.events.retry-interval:1m}")
    void retryFailed() {
        failed.resubmit(ResubmissionOptions.defaults().withMinAge(retryAfter));
    }
}
