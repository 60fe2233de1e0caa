package io.backchannel.ideas.internal;

import io.backchannel.ideas.IdeaStatus;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.system.ListPage;
import io.backchannel.system.NotFoundException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Read-only finder for the portal's pages: view records with author names, never rows. */
@Component
@Transactional(readOnly = true)
public class IdeaFinder {

    static final int SIMILAR = 5;
    static final int IN_ACTION = 50;
    static final int FEED = 50;
    static final int EXPORT_BATCH = 500;

    private final Ideas ideas;
    private final Labels labels;
    private final IdeaCounts counts;
    private final Categories categories;
    private final IdentityManagement identity;
    private final IdeaStatuses statuses;
    private final Badges badges;

    IdeaFinder(
            Ideas ideas,
            Labels labels,
            IdeaCounts counts,
            Categories categories,
            IdentityManagement identity,
            IdeaStatuses statuses,
            Badges badges) {
        this.ideas = ideas;
        this.labels = labels;
        this.counts = counts;
        this.categories = categories;
        this.identity = identity;
        this.statuses = statuses;
        this.badges = badges;
    }

    public ListPage<IdeaCard> page(IdeaQuery filters, int page) {
        var query = resolved(filters);
        int size = ListPage.DEFAULT_SIZE;
        long offset = ListPage.offset(page, size);
        long total = counts.count(query);
        var rows = broadSearch(query, total, offset + size)
                ? ideas.searchInListOrder(query, size, offset)
                : ideas.search(query, size, offset);
        return new ListPage<>(cards(rows), Math.max(page, 1), size, total);
    }

    /** The newest entries of the list for its Atom feed. */
    public List<FeedEntry> feed(IdeaQuery filters) {
        var rows = ideas.feed(resolved(filters), FEED);
        Set<UUID> authors = new HashSet<>();
        rows.forEach(row -> authors.add(row.authorId()));
        Map<UUID, String> names = identity.displayNames(authors);
        return rows.stream()
                .map(row -> new FeedEntry(
                        row.number(),
                        row.title(),
                        row.bodyHtml(),
                        row.status(),
                        row.statusLabel(),
                        row.categoryName(),
                        name(names, row.authorId()),
                        row.createdAt(),
                        row.updatedAt()))
                .toList();
    }

    /** Hands every idea of the query to the consumer, a page at a time, so an export never holds the whole list. */
    public void each(IdeaQuery filters, java.util.function.Consumer<IdeaCard> consumer) {
        var query = resolved(filters);
        for (long offset = 0; ; offset += EXPORT_BATCH) {
            var rows = ideas.search(query, EXPORT_BATCH, offset);
            cards(rows).forEach(consumer);
            if (rows.size() < EXPORT_BATCH) {
                return;
            }
        }
    }

    public List<IdeaCard> similar(String title) {
        return cards(ideas.similar(title, SIMILAR));
    }

    /** "Ideas in action": the latest implemented ideas with their explanation, and what the last year adds up to. */
    public InActionPage inAction() {
        var query = new IdeaQuery(IdeaQuery.Sort.IMPLEMENTED, null, null, "", null, null);
        var rows = ideas.search(query, IN_ACTION, 0);
        var explanations = ideas.currentExplanations(
                rows.stream().map(Ideas.IdeaSummary::id).toList());
        var implemented = rows.stream()
                .map(row -> new ImplementedIdea(
                        row.number(),
                        row.title(),
                        row.categoryName(),
                        java.util.Objects.requireNonNull(row.implementedAt()),
                        explanations.getOrDefault(row.id(), "")))
                .toList();
        var totals = ideas.inAction();
        return new InActionPage(totals.implementedLastYear(), totals.medianDays(), implemented);
    }

    public List<Categories.Category> categories() {
        return categories.all();
    }

    public IdeaPage idea(long number, @Nullable UUID viewer) {
        // Ideas waiting for moderation or declined are seen only by their author.
        var idea = ideas.byNumber(number)
                .filter(found -> found.published() || found.authorId().equals(viewer))
                .orElseThrow(() -> new NotFoundException("idea " + number));
        var history = ideas.history(idea.id());
        var comments = ideas.comments(idea.id());
        Set<UUID> people = new HashSet<>();
        people.add(idea.authorId());
        history.forEach(change -> people.add(change.changedBy()));
        comments.forEach(comment -> people.add(comment.authorId()));
        Map<UUID, String> names = identity.displayNames(people);
        var labelled = labels.of(List.of(idea.id())).get(idea.id());
        var authors = new HashSet<UUID>();
        authors.add(idea.authorId());
        comments.forEach(comment -> authors.add(comment.authorId()));
        int myVote = viewer == null
                ? 0
                : ideas.vote(idea.id(), viewer).map(Ideas.CastVote::value).orElse(0);
        return new IdeaPage(
                idea.number(),
                idea.title(),
                idea.bodyHtml(),
                idea.status(),
                idea.statusLabel(),
                idea.promotes() - idea.demotes(),
                idea.promotes(),
                idea.demotes(),
                idea.categoryName(),
                idea.categorySlug(),
                idea.upVotesOnly(),
                name(names, idea.authorId()),
                idea.createdAt(),
                myVote,
                history.stream()
                        .map(change -> new HistoryEntry(
                                change.from(),
                                change.to(),
                                change.toLabel(),
                                statuses.explanation(
                                        change.explanation(), change.staleMonths(), LocaleContextHolder.getLocale()),
                                change.staleMonths() != null,
                                name(names, change.changedBy()),
                                change.changedAt()))
                        .toList(),
                comments.stream()
                        .map(comment -> new CommentView(
                                name(names, comment.authorId()),
                                comment.bodyHtml(),
                                comment.staff(),
                                comment.createdAt(),
                                comment.authorId()))
                        .toList(),
                labelled.tags(),
                labelled.language(),
                idea.authorId(),
                badges.of(authors));
    }

    private List<IdeaCard> cards(List<Ideas.IdeaSummary> rows) {
        Set<UUID> authors = new HashSet<>();
        rows.forEach(row -> authors.add(row.authorId()));
        Map<UUID, String> names = identity.displayNames(authors);
        var labelled = labels.of(rows.stream().map(Ideas.IdeaSummary::id).toList());
        return rows.stream()
                .map(row -> new IdeaCard(
                        row.number(),
                        row.title(),
                        row.status(),
                        row.statusLabel(),
                        row.promotes() - row.demotes(),
                        row.categoryName(),
                        row.comments(),
                        name(names, row.authorId()),
                        row.createdAt(),
                        labelled.get(row.id()).tags(),
                        labelled.get(row.id()).language()))
                .toList();
    }

    /** The query with its tag's id; a tag nobody uses stays unresolved and matches no idea. */
    /**
     * Whether walking the list in its order and testing each idea finds the page sooner than reading every match: with
     * m matches among n listed ideas the walk tests about (offset + size) · n / m ideas, the index read m.
     */
    private boolean broadSearch(IdeaQuery query, long matches, long upTo) {
        if (query.text().isBlank() || matches == 0) {
            return false;
        }
        long listed = counts.count(query.withoutText());
        return (double) matches * matches > (double) upTo * listed;
    }

    private IdeaQuery resolved(IdeaQuery query) {
        String tag = query.tag();
        return tag == null ? query : labels.tagId(tag).map(query::withTagId).orElse(query);
    }

    private static String name(Map<UUID, String> names, UUID id) {
        return names.getOrDefault(id, "");
    }

    public record IdeaCard(
            long number,
            String title,
            IdeaStatus status,
            @Nullable UUID statusLabel,
            int score,
            String category,
            int comments,
            String author,
            Instant createdAt,
            List<String> tags,
            String language) {}

    public record IdeaPage(
            long number,
            String title,
            String bodyHtml,
            IdeaStatus status,
            @Nullable UUID statusLabel,
            int score,
            int promotes,
            int demotes,
            String category,
            String categorySlug,
            boolean upVotesOnly,
            String author,
            Instant createdAt,
            int myVote,
            List<HistoryEntry> history,
            List<CommentView> comments,
            List<String> tags,
            String language,
            UUID authorId,
            Badges.PeopleBadges badges) {}

    /** {@code automatic}: archived by the system for want of an update, not by a person. */
    public record HistoryEntry(
            IdeaStatus from,
            IdeaStatus to,
            @Nullable UUID toLabel,
            String explanation,
            boolean automatic,
            String changedBy,
            Instant changedAt) {}

    public record FeedEntry(
            long number,
            String title,
            String bodyHtml,
            IdeaStatus status,
            @Nullable UUID statusLabel,
            String category,
            String author,
            Instant published,
            Instant updated) {}

    public record InActionPage(int implementedLastYear, @Nullable Double medianDays, List<ImplementedIdea> ideas) {}

    public record ImplementedIdea(
            long number, String title, String category, Instant implementedAt, String explanation) {}

    public record CommentView(String author, String bodyHtml, boolean staff, Instant createdAt, UUID authorId) {}
}
