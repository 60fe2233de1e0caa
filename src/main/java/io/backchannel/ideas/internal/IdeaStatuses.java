package io.backchannel.ideas.internal;

import io.backchannel.ideas.IdeaStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place that names a status, everywhere it is shown ({@code @ideaStatuses.name(stage, label)} in
 * templates): the admin's own status, else the admin's name for the built-in stage, else the message bundle. Admins'
 * names are held for a short while, so that a list page does not ask the database once per idea; a change on this
 * node shows at once, one on another node within {@link #FRESH}.
 */
@Component("ideaStatuses")
public class IdeaStatuses {

    static final Duration FRESH = Duration.ofSeconds(30);

    private final StatusLabels labels;
    private final MessageSource messages;
    private volatile @Nullable Snapshot snapshot;

    IdeaStatuses(StatusLabels labels, MessageSource messages) {
        this.labels = labels;
        this.messages = messages;
    }

    public String name(IdeaStatus stage) {
        return name(stage, null);
    }

    public String name(IdeaStatus stage, @Nullable UUID label) {
        return name(stage, label, LocaleContextHolder.getLocale());
    }

    public String name(IdeaStatus stage, @Nullable UUID label, Locale locale) {
        var labelled = label == null ? null : snapshot().byId.get(label);
        if (labelled == null || labelled.builtin()) {
            labelled = snapshot().builtins.get(stage);
        }
        String name = labelled == null ? "" : labelled.name(locale);
        return name.isBlank() ? messages.getMessage(bundleKey(stage), null, locale) : name;
    }

    /** The public explanation of a history entry: the automatic archiving notice is written in the reader's language. */
    public String explanation(String explanation, @Nullable Integer staleMonths, Locale locale) {
        return staleMonths == null
                ? explanation
                : messages.getMessage("ideas.stale.notice", new Object[] {staleMonths}, locale);
    }

    /** Every status staff can set: the built-in stages, each followed by the admins' own statuses within it. */
    public List<Option> options() {
        var options = new ArrayList<Option>();
        var own = snapshot().own();
        for (IdeaStatus stage : IdeaStatus.values()) {
            options.add(new Option(stage.name(), name(stage), stage, null));
            own.stream()
                    .filter(label -> label.stage() == stage)
                    .forEach(label ->
                            options.add(new Option(label.id().toString(), name(stage, label.id()), stage, label.id())));
        }
        return options;
    }

    /** The status a form or filter names: a stage by its name, or an own status by its ID. */
    public Optional<Choice> parse(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        for (IdeaStatus stage : IdeaStatus.values()) {
            if (stage.name().equals(value)) {
                return Optional.of(new Choice(stage, null, stage.needsExplanation()));
            }
        }
        try {
            var label = snapshot().byId.get(UUID.fromString(value));
            return label == null || label.builtin()
                    ? Optional.empty()
                    : Optional.of(new Choice(
                            label.stage(),
                            label.id(),
                            label.needsExplanation() || label.stage().needsExplanation()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** For the admin page: every stage with its names, and the own statuses. */
    public List<Label> labels() {
        return List.copyOf(snapshot().byId.values());
    }

    @Transactional
    public void rename(IdeaStatus stage, String english, String german) {
        labels.rename(stage, english.strip(), german.strip());
        snapshot = null;
    }

    @Transactional
    public UUID add(IdeaStatus stage, String english, String german, boolean needsExplanation) {
        UUID id = labels.add(stage, english.strip(), german.strip(), needsExplanation);
        snapshot = null;
        return id;
    }

    @Transactional
    public boolean delete(UUID id) {
        boolean deleted = labels.delete(id);
        snapshot = null;
        return deleted;
    }

    private Snapshot snapshot() {
        var current = snapshot;
        if (current == null || current.loaded.plus(FRESH).isBefore(Instant.now())) {
            var byId = new LinkedHashMap<UUID, Label>();
            var builtins = new EnumMap<IdeaStatus, Label>(IdeaStatus.class);
            for (Label label : labels.all()) {
                byId.put(label.id(), label);
                if (label.builtin()) {
                    builtins.put(label.stage(), label);
                }
            }
            current = new Snapshot(Instant.now(), byId, builtins);
            snapshot = current;
        }
        return current;
    }

    /** Spelled out so that the message guard sees every key. */
    static String bundleKey(IdeaStatus stage) {
        return switch (stage) {
            case NEW -> "ideas.status.NEW";
            case UNDER_REVIEW -> "ideas.status.UNDER_REVIEW";
            case PLANNED -> "ideas.status.PLANNED";
            case IN_PROGRESS -> "ideas.status.IN_PROGRESS";
            case IMPLEMENTED -> "ideas.status.IMPLEMENTED";
            case PARTIALLY_IMPLEMENTED -> "ideas.status.PARTIALLY_IMPLEMENTED";
            case NOT_PLANNED -> "ideas.status.NOT_PLANNED";
            case DUPLICATE -> "ideas.status.DUPLICATE";
            case ARCHIVED -> "ideas.status.ARCHIVED";
        };
    }

    private record Snapshot(Instant loaded, Map<UUID, Label> byId, Map<IdeaStatus, Label> builtins) {
        List<Label> own() {
            return byId.values().stream().filter(label -> !label.builtin()).toList();
        }
    }

    /** A name for a stage: the built-in one renamed, or an admin's own status, whose German name falls back to English. */
    public record Label(
            UUID id, IdeaStatus stage, boolean builtin, String nameEn, String nameDe, boolean needsExplanation) {

        String name(Locale locale) {
            if (!"de".equals(locale.getLanguage())) {
                return nameEn;
            }
            return builtin || !nameDe.isBlank() ? nameDe : nameEn;
        }
    }

    /** A status to set or filter by: its stage, and the own status within it if one was chosen. */
    public record Choice(IdeaStatus stage, @Nullable UUID label, boolean needsExplanation) {}

    /** One entry of a status select: {@code value} is what {@link #parse} reads back. */
    public record Option(String value, String name, IdeaStatus stage, @Nullable UUID label) {}

    /** Own statuses' English names are unique, so that staff can tell them apart. */
    public static class NameTaken extends RuntimeException {
        NameTaken(String name) {
            super("Status name taken: " + name);
        }
    }
}
