package io.backchannel.system.internal;

import io.backchannel.system.ListPage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Read-only finder for the mail outbox pages. */
@Component
@Transactional(readOnly = true)
public class MailOutboxView {

    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    private final MailOutbox outbox;

    MailOutboxView(MailOutbox outbox) {
        this.outbox = outbox;
    }

    public ListPage<MailRow> page(String query, int page) {
        int size = ListPage.DEFAULT_SIZE;
        var rows = outbox.page(query, size, ListPage.offset(page, size)).stream()
                .map(mail -> new MailRow(mail.id(), mail.recipient(), mail.subject(), mail.status(), mail.createdAt()))
                .toList();
        return new ListPage<>(rows, Math.max(page, 1), size, outbox.count(query));
    }

    public Optional<MailDetail> detail(UUID id) {
        return outbox.find(id)
                .map(mail -> new MailDetail(
                        mail.recipient(),
                        mail.subject(),
                        mail.status(),
                        mail.attempts(),
                        mail.lastError(),
                        mail.createdAt(),
                        mail.sentAt(),
                        segments(mail.body())));
    }

    /** Splits a plain-text body so the page can make its links clickable without trusting it as HTML. */
    static List<Segment> segments(String body) {
        var segments = new ArrayList<Segment>();
        Matcher matcher = LINK.matcher(body);
        int last = 0;
        while (matcher.find()) {
            segments.add(new Segment(body.substring(last, matcher.start()), false));
            segments.add(new Segment(matcher.group(), true));
            last = matcher.end();
        }
        segments.add(new Segment(body.substring(last), false));
        return segments;
    }

    public record MailRow(UUID id, String recipient, String subject, String status, Instant createdAt) {}

    public record MailDetail(
            String recipient,
            String subject,
            String status,
            int attempts,
            @Nullable String lastError,
            Instant createdAt,
            @Nullable Instant sentAt,
            List<Segment> body) {}

    public record Segment(String text, boolean link) {}
}
