package io.backchannel.ideas.web;

import io.backchannel.ideas.internal.IdeaFinder;
import io.backchannel.ideas.internal.IdeaQuery;
import io.backchannel.ideas.internal.IdeaStatuses;
import io.backchannel.system.CsvWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The idea list as CSV for staff, with the same sort and filters as the page, written row by row. */
@Controller
class IdeaExportController {

    private final IdeaFinder finder;
    private final IdeaStatuses statuses;

    IdeaExportController(IdeaFinder finder, IdeaStatuses statuses) {
        this.finder = finder;
        this.statuses = statuses;
    }

    @GetMapping("/ideas/export.csv")
    void export(
            @RequestParam(defaultValue = "NEW") IdeaQuery.Sort sort,
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) @Nullable String tag,
            @RequestParam(required = false) @Nullable String language,
            HttpServletResponse response)
            throws IOException {
        CsvWriter.prepare(response, "ideas.csv");
        try (var csv = new CsvWriter(response.getWriter())) {
            csv.row(
                    "number",
                    "title",
                    "board",
                    "status",
                    "status_name",
                    "score",
                    "comments",
                    "author",
                    "created_at",
                    "tags",
                    "language");
            finder.each(
                    IdeaLists.query(
                            sort, category, statuses.parse(status).orElse(null), q, tag, language, false, false, null),
                    idea -> csv.row(
                            String.valueOf(idea.number()),
                            idea.title(),
                            idea.category(),
                            idea.status().name(),
                            statuses.name(idea.status(), idea.statusLabel()),
                            String.valueOf(idea.score()),
                            String.valueOf(idea.comments()),
                            idea.author(),
                            idea.createdAt().toString(),
                            String.join(" ", idea.tags()),
                            idea.language()));
        }
    }
}
