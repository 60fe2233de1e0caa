package io.backchannel.system;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Per-client limits on public writes (registration, password reset, login, and later votes and comments). Buckets
 * live in this node's memory; behind a load balancer each node limits on its own, which still caps abuse.
 */
@Component
public class RateLimits {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int perMinute;

    RateLimits(@Value("${backchannel.rate-limit.public-writes-per-minute:20}") int perMinute) {
        this.perMinute = perMinute;
    }

    /** Whether the client may perform the action now; counts the attempt if so. */
    public boolean tryAcquire(String action, String clientKey) {
        return buckets.computeIfAbsent(action + '|' + clientKey, key -> newBucket())
                .tryConsume(1);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(perMinute)
                        .refillGreedy(perMinute, Duration.ofMinutes(1))
                        .build())
                .build();
    }

    /** Full buckets carry no information; dropping them all keeps memory bounded under many client addresses. */
    @Scheduled(fixedDelay = 10, timeUnit = java.util.concurrent.TimeUnit.MINUTES)
    void forgetIdleClients() {
        buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= perMinute);
    }
}
