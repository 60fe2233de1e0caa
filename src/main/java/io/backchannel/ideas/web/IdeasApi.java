package io.backchannel.ideas.web;

import io.backchannel.ideas.IdeaStatus;
import io.backchannel.ideas.internal.IdeaFinder;
import io.backchannel.ideas.internal.IdeaQuery;
import io.backchannel.system.ListPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The ideas part of the JSON API: public reading, with the same sorts and filters as the portal. */
@RestController
@RequestMapping("/api/ideas")
@Tag(name = "ideas")
class IdeasApi {

    private final IdeaFinder finder;

    IdeasApi(IdeaFinder finder) {
        this.finder = finder;
    }

    @GetMapping
    @Operation(summary = "A page of ideas (25 per page), sorted and filtered like /ideas; no token needed")
    ListPage<IdeaFinder.IdeaCard> list(
            @RequestParam(defaultValue = "HOT") IdeaQuery.Sort sort,
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable IdeaStatus status,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) @Nullable String tag,
            @RequestParam(required = false) @Nullable String language,
            @RequestParam(defaultValue = "1") int page) {
        return finder.page(IdeaLists.query(sort, category, status, q, tag, language, false, false, null), page);
    }

    @GetMapping("/{number}")
    @Operation(summary = "One idea with its public status history and comments; no token needed")
    IdeaDocument idea(@PathVariable long number) {
        return IdeaDocument.of(finder.idea(number, null));
    }

    /** An idea as the API shows it: without the viewer's own vote, which only the page knows. */
    record IdeaDocument(
            long number,
            String title,
            String bodyHtml,
            IdeaStatus status,
            int score,
            int promotes,
            int demotes,
            String category,
            String author,
            Instant createdAt,
            List<IdeaFinder.HistoryEntry> history,
            List<IdeaFinder.CommentView> comments,
            List<String> tags,
            String language) {

        static IdeaDocument of(IdeaFinder.IdeaPage idea) {
            return new IdeaDocument(
                    idea.number(),
                    idea.title(),
                    idea.bodyHtml(),
                    idea.status(),
                    idea.score(),
                    idea.promotes(),
                    idea.demotes(),
                    idea.categorySlug(),
                    idea.author(),
                    idea.createdAt(),
                    idea.history(),
                    idea.comments(),
                    idea.tags(),
                    idea.language());
        }
    }
}
