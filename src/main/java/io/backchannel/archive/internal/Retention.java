package io.backchannel.archive.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Retention per source: content said longer ago than its platform's period is erased (with the same signed
 * tombstone as an erasure on request), except while a case holds it. Platforms without a period are kept for ever.
 */
@Component
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final JdbcClient jdbc;
    private final Archive archive;
    private final Map<String, Duration> periods;

    Retention(JdbcClient jdbc, Archive archive, @Value("${backchannel.archive.retention:}") String retention) {
        this.jdbc = jdbc;
        this.archive = archive;
        this.periods = parse(retention);
    }

    /** {@code x=3650d,mastodon=10y}: platform = period; a malformed entry stops the start with a clear message. */
    static Map<String, Duration> parse(String retention) {
        Map<String, Duration> periods = new LinkedHashMap<>();
        for (String entry : retention.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("=", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException(
                        "backchannel.archive.retention: expected platform=period, got " + entry.strip());
            }
            String period = parts[1].strip();
            Duration duration = period.endsWith("y")
                    ? Duration.ofDays(365L * Long.parseLong(period.substring(0, period.length() - 1)))
                    : DurationStyle.detectAndParse(period);
            periods.put(parts[0].strip().toLowerCase(Locale.ROOT), duration);
        }
        return Map.copyOf(periods);
    }

    /** Erases what is due and returns how many records. */
    @Scheduled(cron = "0 43 3 * * *")
    public int apply() {
        int erased = 0;
        for (Map.Entry<String, Duration> period : periods.entrySet()) {
            List<UUID> due = jdbc.sql("select i.id from archive_item i where i.platform = ? and i.said_at < ?"
                            + " and i.erased_at is null"
                            + " and not exists (select 1 from archive_case_record h where h.item_id = i.id)")
                    .params(period.getKey(), Timestamp.from(Instant.now().minus(period.getValue())))
                    .query(UUID.class)
                    .list();
            for (UUID id : due) {
                try {
                    archive.erase(id, "retention period of " + period.getValue().toDays() + " days ended", "retention");
                    erased++;
                } catch (Refused refused) {
                    // Put on hold (or erased) since the query: it stays.
                    log.debug("Archive retention skipped {}: {}", id, refused.messageKey());
                }
            }
        }
        return erased;
    }
}
