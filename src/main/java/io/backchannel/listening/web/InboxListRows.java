package io.backchannel.listening.web;

import io.backchannel.listening.internal.Crises;
import io.backchannel.listening.internal.Inbox;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The inbox list's rows as the template shows them: labels, classes, links and abbreviations worked out once in Java.
 * Fifty rows of a dozen expressions, message look-ups and a fragment call each were most of the page's cost.
 */
@Component
class InboxListRows {

    static final int SUBJECT_SHOWN = 120;

    private final MessageSource messages;
    private final Crises crises;

    InboxListRows(MessageSource messages, Crises crises) {
        this.messages = messages;
        this.crises = crises;
    }

    List<Row> of(List<Inbox.Row> rows, String contextPath, Locale locale) {
        var labels = new Labels(locale);
        var crisisTopics = crises.activeTopics();
        return rows.stream()
                .map(row -> {
                    var c = row.conversation();
                    String sla = "OK".equals(c.slaState()) ? null : labels.get("listening.sla." + c.slaState());
                    return new Row(
                            contextPath + "/workspace/inbox/" + c.id(),
                            abbreviate(c.subject()),
                            c.name() + " " + c.handle(),
                            c.topics().stream().anyMatch(crisisTopics::contains),
                            c.channel(),
                            labels.get("listening.status." + c.status().name()),
                            sla,
                            "BREACHED".equals(c.slaState()) ? "tag sla danger" : "tag sla",
                            c.due(),
                            row.team() != null ? row.team() : labels.get("listening.no-team"),
                            row.assignee() != null ? row.assignee() : labels.get("listening.nobody"),
                            labels.get("listening.sentiment." + c.sentiment().name()),
                            c.lastMessageAt(),
                            c.lastMessageAt().toString());
                })
                .toList();
    }

    /** As Thymeleaf's {@code #strings.abbreviate}: at most that many characters, an ellipsis marking the cut. */
    static String abbreviate(String text) {
        return text.length() <= SUBJECT_SHOWN ? text : text.substring(0, SUBJECT_SHOWN - 3) + "...";
    }

    /** A page's labels: a few distinct keys, each looked up once rather than once a row. */
    private final class Labels {

        private final Locale locale;
        private final Map<String, String> resolved = new HashMap<>();

        Labels(Locale locale) {
            this.locale = locale;
        }

        String get(String key) {
            return resolved.computeIfAbsent(key, k -> messages.getMessage(k, null, k, locale));
        }
    }

    /**
     * One conversation in the list.
     *
     * @param sla the target's label when it is due soon or missed, else null
     * @param slaClass the CSS classes of that label
     * @param lastMessageIso machine-readable, for {@code <time datetime>}
     */
    record Row(
            String href,
            String subject,
            String who,
            boolean crisis,
            String channel,
            String status,
            @Nullable String sla,
            String slaClass,
            @Nullable Instant due,
            String team,
            String assignee,
            String sentiment,
            Instant lastMessageAt,
            String lastMessageIso) {}
}
