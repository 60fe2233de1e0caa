package io.backchannel.listening.internal;

import io.backchannel.listening.SpikeDetected;
import io.backchannel.system.Mailer;
import io.backchannel.system.OutgoingMail;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches each topic's volume and negativity for spikes: counts new conversations as they are committed, and checks
 * the current window against the topic's baseline on a schedule and soon after each arrival (one check at a time;
 * arrivals during a check ask for one more). A spike opens an alert unless the topic has one open, mails the
 * configured addresses and tells {@link SpikeDetected} in the same transaction; an open alert calms when its topic is
 * no longer spiking.
 */
@Service
public class SpikeWatch {

    /** The alert kinds' keys and their mails', spelt out so that the i18n guard finds them. */
    static final String[] KIND_KEYS = {
        "listening.spike.kind.VOLUME",
        "listening.spike.kind.NEGATIVE",
        "listening.spike.mail.subject.VOLUME",
        "listening.spike.mail.subject.NEGATIVE"
    };

    private static final Logger log = LoggerFactory.getLogger(SpikeWatch.class);

    private final SpikeCounts counts;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Mailer mailer;
    private final MessageSource messages;
    private final SpikeScore score;
    private final Duration window;
    private final Duration baseline;
    private final List<String> recipients;
    private final String baseUrl;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("spike-check").daemon().factory());
    private final AtomicBoolean checkAsked = new AtomicBoolean();

    SpikeWatch(
            SpikeCounts counts,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Mailer mailer,
            MessageSource messages,
            @Value("${backchannel.listening.spike.window:15m}") Duration window,
            @Value("${backchannel.listening.spike.baseline:7d}") Duration baseline,
            @Value("${backchannel.listening.spike.min-count:10}") int minCount,
            @Value("${backchannel.listening.spike.factor:3}") double factor,
            @Value("${backchannel.listening.spike.z-score:3}") double zScore,
            @Value("${backchannel.listening.spike.mail-to:}") String recipients,
            @Value("${backchannel.base-url:http://localhost:8080}") String baseUrl) {
        if (window.toMinutes() < 1 || baseline.compareTo(window) < 0) {
            throw new IllegalArgumentException("Spike window must be a minute or more, and the baseline longer");
        }
        this.counts = counts;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.mailer = mailer;
        this.messages = messages;
        this.score = new SpikeScore(minCount, factor, zScore);
        this.window = window;
        this.baseline = baseline;
        this.recipients = Arrays.stream(recipients.split(","))
                .map(String::strip)
                .filter(address -> !address.isEmpty())
                .toList();
        this.baseUrl = baseUrl;
    }

    /** A conversation was opened: counted once its transaction commits, and a check follows soon after. */
    void opened(List<String> topics, Sentiment sentiment, Instant postedAt) {
        Instant now = Instant.now();
        // An imported or delayed post counts when it is heard; one stamped in the future, now.
        Instant at = postedAt.isAfter(now) || postedAt.isBefore(now.minus(window)) ? now : postedAt;
        Runnable count = () -> {
            counts.add(topics, sentiment == Sentiment.NEGATIVE, at);
            askForCheck();
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }

    private void askForCheck() {
        if (checkAsked.compareAndSet(false, true)) {
            checker.execute(() -> {
                checkAsked.set(false);
                try {
                    check();
                } catch (RuntimeException e) {
                    log.warn("Spike check after an arrival failed; the scheduled check tries again", e);
                }
            });
        }
    }

    @Scheduled(
            fixedDelayString = "${backchannel.listening.spike.check-interval:30s}",
            initialDelayString = "${backchannel.listening.spike.check-interval:30s}")
    public void scheduledCheck() {
        check();
        counts.prune(Instant.now().minus(baseline).minus(window.multipliedBy(2)));
    }

    /** Checks every active topic and every open alert now; returns the alerts raised. */
    public synchronized List<SpikeDetected> check() {
        counts.flush();
        Instant now = Instant.now();
        var raised = transactions.execute(tx -> check(now));
        return raised == null ? List.of() : raised;
    }

    private List<SpikeDetected> check(Instant now) {
        Map<String, SpikeCounts.Window> current = counts.current(now, window);
        Map<String, UUID> open = new HashMap<>();
        jdbc.sql("select topic, id from listening_spike_alert where calmed_at is null")
                .query(rs -> {
                    open.put(rs.getString(1), rs.getObject(2, UUID.class));
                });
        var topics = new LinkedHashSet<String>(current.keySet());
        topics.addAll(open.keySet());
        var history = counts.history(List.copyOf(topics), now, window, baseline);
        int windows = (int) (baseline.toSeconds() / window.toSeconds());
        var raised = new ArrayList<SpikeDetected>();
        for (String topic : topics) {
            var inWindow = current.getOrDefault(topic, SpikeCounts.Window.NONE);
            var past = history.getOrDefault(topic, List.of());
            var volume = SpikeScore.Baseline.of(
                    past.stream().map(SpikeCounts.Window::volume).toList(), windows);
            var negative = SpikeScore.Baseline.of(
                    past.stream().map(SpikeCounts.Window::negative).toList(), windows);
            String kind = score.isSpike(inWindow.negative(), negative)
                    ? "NEGATIVE"
                    : score.isSpike(inWindow.volume(), volume) ? "VOLUME" : null;
            UUID alert = open.get(topic);
            if (kind == null && alert != null) {
                jdbc.sql("update listening_spike_alert set calmed_at = ? where id = ?")
                        .params(Timestamp.from(now), alert)
                        .update();
            } else if (kind != null && alert == null) {
                var mean = kind.equals("NEGATIVE") ? negative : volume;
                raise(topic, kind, inWindow, mean, now).ifPresent(raised::add);
            }
        }
        return raised;
    }

    private Optional<SpikeDetected> raise(
            String topic, String kind, SpikeCounts.Window counted, SpikeScore.Baseline base, Instant now) {
        var id = jdbc.sql(
                        """
                        insert into listening_spike_alert (topic, kind, volume, negative, baseline_mean, baseline_sd,
                            window_minutes, raised_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (topic) where calmed_at is null do nothing
                        returning id
                        """)
                .params(
                        topic,
                        kind,
                        counted.volume(),
                        counted.negative(),
                        base.mean(),
                        base.sd(),
                        (int) window.toMinutes(),
                        Timestamp.from(now))
                .query(UUID.class)
                .optional();
        return id.map(alert -> {
            var detected = new SpikeDetected(
                    alert,
                    topic,
                    kind,
                    counted.volume(),
                    counted.negative(),
                    base.mean(),
                    (int) window.toMinutes(),
                    now);
            mail(detected);
            events.publishEvent(detected);
            return detected;
        });
    }

    private void mail(SpikeDetected spike) {
        for (String recipient : recipients) {
            Locale locale = Locale.ENGLISH;
            String topic = SpikeAlerts.topicName(spike.topic(), messages, locale);
            Object[] args = {
                topic,
                spike.volume(),
                spike.negative(),
                spike.windowMinutes(),
                String.format(Locale.ROOT, "%.1f", spike.baselineMean()),
                baseUrl + "/workspace/alerts"
            };
            mailer.send(new OutgoingMail(
                    recipient,
                    messages.getMessage("listening.spike.mail.subject." + spike.kind(), args, locale),
                    messages.getMessage("listening.spike.mail.body", args, locale)));
        }
    }

    @PreDestroy
    void stop() {
        checker.shutdownNow();
    }
}
