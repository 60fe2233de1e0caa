package io.backchannel.ideas.internal;

import io.backchannel.ideas.IdeaStatus;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.system.NotFoundException;
import io.backchannel.text.SafeMarkdown;
import java.text.Normalizer;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Storm sessions (IdeaStorm's "Storm Sessions"): staff set a topic for a time window, customers bring ideas for it
 * while it is open, and after the end everyone sees what came of it.
 */
@Service
@Transactional
public class StormSessions {

    static final int PAGE_IDEAS = 100;
    static final int TOP_IDEAS = 5;
    static final int SLUG_LENGTH = 60;

    private final Storms storms;
    private final Categories categories;
    private final IdeaPortal portal;
    private final IdentityManagement identity;
    private final Badges badges;

    StormSessions(Storms storms, Categories categories, IdeaPortal portal, IdentityManagement identity, Badges badges) {
        this.storms = storms;
        this.categories = categories;
        this.portal = portal;
        this.identity = identity;
        this.badges = badges;
    }

    /** Creates a session and returns its address; the slug comes from the title and never changes. */
    public String create(Storms.Draft draft, UUID staffId) {
        check(draft);
        String slug = freeSlug(draft.title());
        storms.insert(slug, draft, SafeMarkdown.toHtml(draft.description()), staffId);
        return slug;
    }

    public void update(UUID id, Storms.Draft draft) {
        storms.byId(id).orElseThrow(() -> new NotFoundException("storm " + id));
        check(draft);
        storms.update(id, draft, SafeMarkdown.toHtml(draft.description()));
    }

    public void reschedule(String slug, Instant startsAt, Instant endsAt) {
        var storm = storms.bySlug(slug).orElseThrow(() -> new NotFoundException("storm " + slug));
        update(
                storm.id(),
                new Storms.Draft(storm.title(), storm.descriptionMarkdown(), storm.categoryId(), startsAt, endsAt));
    }

    /**
     * Posts an idea, for the session named by its slug if there is one. An idea joins a session only while it is
     * open, and only on the session's board if it has one; otherwise nothing is posted.
     */
    public long submit(
            @Nullable String stormSlug,
            UUID authorId,
            UUID categoryId,
            String title,
            String markdown,
            List<String> tags) {
        if (stormSlug == null || stormSlug.isBlank()) {
            return portal.submit(authorId, categoryId, title, markdown, tags);
        }
        var storm = storms.bySlug(stormSlug).filter(Storms.Storm::open).orElseThrow(StormClosed::new);
        if (storm.categoryId() != null && !storm.categoryId().equals(categoryId)) {
            throw new WrongBoard(Objects.requireNonNullElse(storm.categoryName(), ""));
        }
        long number = portal.submit(authorId, categoryId, title, markdown, tags);
        storms.join(storm.id(), number);
        return number;
    }

    @Transactional(readOnly = true)
    public List<Storms.Storm> all() {
        return storms.all();
    }

    @Transactional(readOnly = true)
    public List<Storms.Storm> open() {
        return storms.openAt(Instant.now());
    }

    @Transactional(readOnly = true)
    public Storms.Storm byId(UUID id) {
        return storms.byId(id).orElseThrow(() -> new NotFoundException("storm " + id));
    }

    /** The session's page: its ideas by score, and once it has ended, its results. */
    @Transactional(readOnly = true)
    public StormPage page(String slug) {
        var storm = storms.bySlug(slug).orElseThrow(() -> new NotFoundException("storm " + slug));
        var rows = storms.ideas(storm.id(), PAGE_IDEAS);
        var people = new HashSet<UUID>();
        rows.forEach(row -> people.add(row.authorId()));
        Map<UUID, String> names = identity.displayNames(people);
        var shown = badges.of(people);
        var ideas = rows.stream()
                .map(row -> new StormIdeaView(
                        row.number(),
                        row.title(),
                        row.status(),
                        row.score(),
                        row.authorId(),
                        names.getOrDefault(row.authorId(), ""),
                        shown.of(row.authorId()),
                        row.createdAt()))
                .toList();
        Results results = null;
        if (storm.phase() == Storms.Phase.ENDED) {
            var totals = storms.totals(storm.id());
            results = new Results(
                    totals.ideas(),
                    totals.voters(),
                    totals.votes(),
                    ideas.stream().limit(TOP_IDEAS).toList(),
                    storms.statuses(storm.id()));
        }
        return new StormPage(storm, ideas, results);
    }

    private void check(Storms.Draft draft) {
        if (!draft.endsAt().isAfter(draft.startsAt())) {
            throw new EndBeforeStart();
        }
        if (draft.categoryId() != null && categories.byId(draft.categoryId()).isEmpty()) {
            throw new NotFoundException("category " + draft.categoryId());
        }
    }

    /** Lower-case ASCII words joined by hyphens, numbered when taken; "storm" when the title has no such letters. */
    private String freeSlug(String title) {
        String base = Normalizer.normalize(title, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        if (base.length() > SLUG_LENGTH) {
            base = base.substring(0, SLUG_LENGTH).replaceAll("-$", "");
        }
        if (base.isEmpty()) {
            base = "storm";
        }
        String slug = base;
        for (int n = 2; storms.slugTaken(slug); n++) {
            slug = base + "-" + n;
        }
        return slug;
    }

    public record StormIdeaView(
            long number,
            String title,
            IdeaStatus status,
            int score,
            UUID authorId,
            String author,
            List<Badges.Badge> badges,
            Instant createdAt) {}

    public record Results(
            int ideas, int voters, int votes, List<StormIdeaView> top, List<Storms.StatusCount> statuses) {}

    public record StormPage(Storms.Storm storm, List<StormIdeaView> ideas, @Nullable Results results) {}

    /** The session is not open (not yet, or no longer), or there is no such session. */
    public static class StormClosed extends RuntimeException {
        StormClosed() {
            super("Storm session not open");
        }
    }

    /** The session collects ideas for one board only. */
    public static class WrongBoard extends RuntimeException {

        private final String board;

        WrongBoard(String board) {
            super("Storm session takes ideas for board " + board);
            this.board = board;
        }

        public String board() {
            return board;
        }
    }

    /** A session must end after it starts. */
    public static class EndBeforeStart extends RuntimeException {
        EndBeforeStart() {
            super("Storm session ends before it starts");
        }
    }
}
