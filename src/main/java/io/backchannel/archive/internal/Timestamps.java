package io.backchannel.archive.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Asks the configured RFC 3161 time-stamp authority to stamp the newest signed checkpoint, on a schedule and so apart
 * from the capture path: a signed checkpoint pins every record before it, so stamping the newest is enough. The answer
 * is checked (granted, for this request's imprint and nonce, signed by the certificate it carries) before the token
 * is kept. An authority that is down or answers wrongly leaves the checkpoint valid and is asked again on the next run.
 */
@Component
public class Timestamps {

    private static final Logger log = LoggerFactory.getLogger(Timestamps.class);
    private static final int MAX_ANSWER = 1 << 20;

    /** Why a time-stamp failed, as a message key for the archive page. */
    public enum Reason {
        UNREACHABLE("archive.timestamp.reason.unreachable"),
        REFUSED("archive.timestamp.reason.refused"),
        GARBAGE("archive.timestamp.reason.garbage"),
        WRONG_ANSWER("archive.timestamp.reason.wrong-answer"),
        INVALID_TOKEN("archive.timestamp.reason.invalid-token");

        private final String key;

        Reason(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /**
     * The time-stamp state of the newest checkpoint: {@code OFF} without an authority, {@code NONE} without a
     * checkpoint, else {@code PENDING}, {@code FAILED} (with its reason) or {@code STAMPED} (with the authority's time).
     */
    public record Status(
            String state,
            long position,
            @Nullable String authority,
            @Nullable Instant stampedAt,
            @Nullable Reason reason) {}

    private final JdbcClient jdbc;
    private final Checkpoints checkpoints;
    private final ArchiveSettings settings;
    private final String authority;
    private final HttpClient http;
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();

    Timestamps(
            JdbcClient jdbc,
            Checkpoints checkpoints,
            ArchiveSettings settings,
            @Value("${backchannel.archive.timestamp-authority:}") String authority,
            @Value("${backchannel.archive.timestamp-timeout:15s}") Duration timeout) {
        this.jdbc = jdbc;
        this.checkpoints = checkpoints;
        this.settings = settings;
        this.authority = authority.strip();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Stamps the newest checkpoint unless it is stamped already; returns its state afterwards. */
    @Scheduled(
            fixedDelayString = "${backchannel.archive.timestamp-interval:5m}",
            initialDelayString = "${backchannel.archive.timestamp-interval:5m}")
    public synchronized Status stampLatest() {
        Optional<Checkpoints.Checkpoint> latest = checkpoints.latest();
        Status before = status(latest);
        if (authority.isEmpty() || latest.isEmpty() || "STAMPED".equals(before.state())) {
            return before;
        }
        Checkpoints.Checkpoint checkpoint = latest.get();
        record(checkpoint.position(), "PENDING", null, null, null);
        String line = checkpoint.line();
        try {
            byte[] token = request(line);
            Instant stampedAt = TimestampTokens.verify(token, line);
            write(checkpoint.position(), token);
            record(checkpoint.position(), "STAMPED", token, stampedAt, null);
        } catch (Failed failed) {
            log.warn("Time-stamp of checkpoint {} failed: {}", checkpoint.position(), failed.getMessage());
            record(checkpoint.position(), "FAILED", null, null, failed.reason);
        } catch (TimestampTokens.Invalid invalid) {
            log.warn("Time-stamp of checkpoint {} is invalid: {}", checkpoint.position(), invalid.getMessage());
            record(checkpoint.position(), "FAILED", null, null, Reason.INVALID_TOKEN);
        }
        return status();
    }

    public Status status() {
        return status(authority.isEmpty() ? Optional.empty() : checkpoints.latest());
    }

    private Status status(Optional<Checkpoints.Checkpoint> latest) {
        if (authority.isEmpty()) {
            return new Status("OFF", 0, null, null, null);
        }
        if (latest.isEmpty()) {
            return new Status("NONE", 0, authority, null, null);
        }
        long position = latest.get().position();
        return jdbc.sql("select state, authority, stamped_at, reason from archive_timestamp where position = ?")
                .param(position)
                .query((rs, row) -> new Status(
                        rs.getString(1),
                        position,
                        rs.getString(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(),
                        rs.getString(4) == null ? null : Reason.valueOf(rs.getString(4))))
                .optional()
                .orElseGet(() -> new Status("PENDING", position, authority, null, null));
    }

    /** A checkpoint's time-stamp: who stamped it, the time it vouches for, and the token (DER). */
    record Stamp(String authority, Instant stampedAt, byte[] token) {}

    Optional<Stamp> stamp(long position) {
        return jdbc.sql("select authority, stamped_at, token from archive_timestamp"
                        + " where position = ? and state = 'STAMPED'")
                .param(position)
                .query((rs, row) ->
                        new Stamp(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getBytes(3)))
                .optional();
    }

    /** The earliest stamped checkpoint at or after this position (the shortest chain proof for a record there). */
    Optional<Long> stampedFrom(long position) {
        return jdbc.sql("select min(position) from archive_timestamp where state = 'STAMPED' and position >= ?")
                .param(position)
                .query(Long.class)
                .optional();
    }

    private byte[] request(String line) throws Failed {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request =
                generator.generate(TSPAlgorithms.SHA256, TimestampTokens.imprint(line), new BigInteger(64, random));
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(
                    HttpRequest.newBuilder(URI.create(authority))
                            .timeout(timeout)
                            .header("Content-Type", "application/timestamp-query")
                            .header("Accept", "application/timestamp-reply")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException | IllegalArgumentException e) {
            throw new Failed(Reason.UNREACHABLE, String.valueOf(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed(Reason.UNREACHABLE, "interrupted");
        }
        byte[] body;
        try (InputStream in = answer.body()) {
            body = in.readNBytes(MAX_ANSWER);
        } catch (IOException e) {
            throw new Failed(Reason.UNREACHABLE, String.valueOf(e));
        }
        if (answer.statusCode() != 200) {
            throw new Failed(Reason.UNREACHABLE, "HTTP " + answer.statusCode());
        }
        TimeStampResponse response;
        try {
            response = new TimeStampResponse(body);
        } catch (TSPException | IOException | RuntimeException e) {
            throw new Failed(Reason.GARBAGE, String.valueOf(e));
        }
        if (response.getTimeStampToken() == null) {
            throw new Failed(Reason.REFUSED, "status " + response.getStatus() + " " + response.getStatusString());
        }
        try {
            // Granted, for this request's imprint and nonce, with the certificate asked for.
            response.validate(request);
            return response.getTimeStampToken().getEncoded();
        } catch (TSPException | IOException e) {
            throw new Failed(Reason.WRONG_ANSWER, String.valueOf(e));
        }
    }

    private void write(long position, byte[] token) {
        try {
            Path directory = Files.createDirectories(settings.directory().resolve(TimestampTokens.DIRECTORY));
            Path temporary = directory.resolve(position + ".tsr.tmp");
            Files.write(temporary, token);
            Files.move(
                    temporary,
                    directory.resolve(position + ".tsr"),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void record(
            long position,
            String state,
            byte @Nullable [] token,
            @Nullable Instant stampedAt,
            @Nullable Reason reason) {
        jdbc.sql(
                        """
                        insert into archive_timestamp (position, authority, state, token, stamped_at, reason, attempts)
                        values (?, ?, ?, ?, ?, ?, 1)
                        on conflict (position) do update set authority = excluded.authority, state = excluded.state,
                            token = excluded.token, stamped_at = excluded.stamped_at, reason = excluded.reason,
                            attempts = archive_timestamp.attempts + (case when excluded.state = 'PENDING' then 1 else 0 end),
                            updated_at = now()""")
                .params(
                        position,
                        authority,
                        state,
                        token,
                        stampedAt == null ? null : Timestamp.from(stampedAt),
                        reason == null ? null : reason.name())
                .update();
    }

    /** The authority could not be asked, or its answer is no valid time-stamp for the request. */
    private static final class Failed extends Exception {
        private final Reason reason;

        Failed(Reason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
