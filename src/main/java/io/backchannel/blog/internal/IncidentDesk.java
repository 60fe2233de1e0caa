package io.backchannel.blog.internal;

import io.backchannel.blog.IncidentUpdated;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.ListPage;
import io.backchannel.system.NotFoundException;
import io.backchannel.text.SafeMarkdown;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Incidents: staff open them, post updates to their timeline (optionally mailed to the followers) and resolve them;
 * everyone reads them. The primary language is required for every text, the others are optional, so that the first
 * word goes out at once and translations follow with the next update.
 */
@Service
@Transactional
public class IncidentDesk {

    private static final int MAX_TITLE = 200;
    private static final int MAX_SUMMARY = 2_000;
    private static final int MAX_BODY = 10_000;

    private final Incidents incidents;
    private final BlogLanguages languages;
    private final IdentityManagement identity;
    private final IncidentMails mails;
    private final ApplicationEventPublisher events;

    IncidentDesk(
            Incidents incidents,
            BlogLanguages languages,
            IdentityManagement identity,
            IncidentMails mails,
            ApplicationEventPublisher events) {
        this.incidents = incidents;
        this.languages = languages;
        this.identity = identity;
        this.mails = mails;
        this.events = events;
    }

    /** A new incident: the fields are named {@code title-<language>} and {@code summary-<language>}. */
    public record Draft(
            @Nullable IncidentKind kind, @Nullable IncidentStatus status, Map<String, Incident.Text> texts) {}

    /** An update: the text per language is Markdown; {@code notifyFollowers} mails it to the followers. */
    public record Post(@Nullable IncidentStatus status, Map<String, String> bodies, boolean notifyFollowers) {}

    /** Opens the incident with its summary as the first update of its timeline; returns its public number. */
    public long open(Draft draft, SignedInAccount staff) {
        requireStaff(staff);
        var errors = new LinkedHashMap<String, String>();
        if (draft.kind() == null) {
            errors.put("kind", "validation.choice");
        }
        if (draft.status() == null || !draft.status().open()) {
            errors.put("status", "validation.choice");
        }
        var texts = texts(draft.texts(), errors);
        if (!errors.isEmpty()) {
            throw new IncidentRefused(errors);
        }
        Instant now = now();
        var created = incidents.create(draft.kind(), draft.status(), staff.id(), now);
        texts.forEach((language, text) -> incidents.addText(created.id(), language, text));
        var bodies = new LinkedHashMap<String, String>();
        texts.forEach((language, text) -> bodies.put(language, text.summary()));
        append(created.id(), created.number(), draft.status(), bodies, false, staff.id(), now);
        return created.number();
    }

    /** Adds an update; its status becomes the incident's (RESOLVED closes it, any other status reopens it). */
    public void post(long number, Post post, SignedInAccount staff) {
        requireStaff(staff);
        var errors = new LinkedHashMap<String, String>();
        if (post.status() == null) {
            errors.put("status", "validation.choice");
        }
        var bodies = bodies(post.bodies(), errors);
        if (!errors.isEmpty()) {
            throw new IncidentRefused(errors);
        }
        var incident =
                incidents.byNumberForUpdate(number).orElseThrow(() -> new NotFoundException("incident " + number));
        Instant now = now();
        incidents.setStatus(incident.id(), post.status(), now);
        UUID updateId = append(incident.id(), number, post.status(), bodies, post.notifyFollowers(), staff.id(), now);
        if (post.notifyFollowers()) {
            mails.send(incident, post.status(), bodies, updateId);
        }
    }

    @Transactional(readOnly = true)
    public Incident incident(long number) {
        return incidents.byNumber(number).orElseThrow(() -> new NotFoundException("incident " + number));
    }

    /** The timeline, newest first. */
    @Transactional(readOnly = true)
    public List<IncidentUpdate> timeline(Incident incident) {
        var posted = incidents.timeline(incident.id());
        var names = identity.displayNames(
                posted.stream().map(Incidents.Posted::postedBy).distinct().toList());
        return posted.stream()
                .map(p -> p.named(names.getOrDefault(p.postedBy(), "")))
                .toList();
    }

    /** Open incidents first, then resolved ones, newest first; optionally only those with one status. */
    @Transactional(readOnly = true)
    public ListPage<Incident> list(@Nullable IncidentStatus status, int page) {
        return incidents.page(status, Math.max(page, 1), ListPage.DEFAULT_SIZE);
    }

    public List<String> languages() {
        return languages.codes();
    }

    public String primaryLanguage() {
        return languages.primary();
    }

    private UUID append(
            UUID incidentId,
            long number,
            IncidentStatus status,
            Map<String, String> bodies,
            boolean notify,
            UUID staffId,
            Instant now) {
        UUID updateId = incidents.addUpdate(incidentId, status, staffId, now, notify);
        bodies.forEach((language, body) ->
                incidents.addUpdateText(updateId, language, new IncidentUpdate.Text(body, SafeMarkdown.toHtml(body))));
        events.publishEvent(new IncidentUpdated(incidentId, number, status.name(), updateId, now));
        return updateId;
    }

    /**
     * The titles and summaries worth keeping, by language: the primary language must have both, another language
     * both or neither.
     */
    private Map<String, Incident.Text> texts(Map<String, Incident.Text> given, Map<String, String> errors) {
        var texts = new LinkedHashMap<String, Incident.Text>();
        for (String language : languages.codes()) {
            var text = given.get(language);
            String title = text == null ? "" : text.title().strip();
            String summary = text == null ? "" : text.summary().strip();
            boolean primary = language.equals(languages.primary());
            if (title.isEmpty() && (primary || !summary.isEmpty())) {
                errors.put(
                        "title-" + language,
                        primary ? "blog.incident.primary-required" : "blog.incident.both-required");
            }
            if (summary.isEmpty() && (primary || !title.isEmpty())) {
                errors.put(
                        "summary-" + language,
                        primary ? "blog.incident.primary-required" : "blog.incident.both-required");
            }
            if (title.length() > MAX_TITLE) {
                errors.put("title-" + language, "blog.incident.title.too-long");
            }
            if (summary.length() > MAX_SUMMARY) {
                errors.put("summary-" + language, "blog.incident.summary.too-long");
            }
            if (!title.isEmpty() && !summary.isEmpty()) {
                texts.put(language, new Incident.Text(title, summary));
            }
        }
        return texts;
    }

    /** The update's texts worth keeping, by language; the primary language must have one. */
    private Map<String, String> bodies(Map<String, String> given, Map<String, String> errors) {
        var bodies = new LinkedHashMap<String, String>();
        for (String language : languages.codes()) {
            String body = given.getOrDefault(language, "").strip();
            if (body.isEmpty() && language.equals(languages.primary())) {
                errors.put("body-" + language, "blog.incident.primary-required");
            } else if (body.length() > MAX_BODY) {
                errors.put("body-" + language, "blog.incident.body.too-long");
            } else if (!body.isEmpty()) {
                bodies.put(language, body);
            }
        }
        return bodies;
    }

    private static void requireStaff(SignedInAccount account) {
        if (!account.staff()) {
            throw new AccessDeniedException("Only staff speak for the company in an incident");
        }
    }

    /** Microseconds, as PostgreSQL stores them, so that the event's time equals the stored one. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
