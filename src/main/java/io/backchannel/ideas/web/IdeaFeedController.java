package io.backchannel.ideas.web;

import io.backchannel.ideas.internal.IdeaFinder;
import io.backchannel.ideas.internal.IdeaQuery;
import io.backchannel.ideas.internal.IdeaStatuses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLStreamException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** Atom feeds: of the idea list (same sort and filters as the page), and of one idea's answers and comments. */
@Controller
class IdeaFeedController {

    private final IdeaFinder finder;
    private final MessageSource messages;
    private final IdeaStatuses statuses;
    private final String baseUrl;

    IdeaFeedController(
            IdeaFinder finder,
            MessageSource messages,
            IdeaStatuses statuses,
            @Value("${backchannel.base-url}") String baseUrl) {
        this.finder = finder;
        this.messages = messages;
        this.statuses = statuses;
        this.baseUrl = baseUrl;
    }

    @GetMapping("/ideas/feed.atom")
    void list(
            @RequestParam(defaultValue = "NEW") IdeaQuery.Sort sort,
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) @Nullable String tag,
            @RequestParam(required = false) @Nullable String language,
            HttpServletRequest request,
            HttpServletResponse response,
            Locale locale)
            throws IOException {
        var entries = finder
                .feed(IdeaLists.query(
                        sort, category, statuses.parse(status).orElse(null), q, tag, language, false, false, null))
                .stream()
                .map(idea -> new AtomWriter.Entry(
                        url(idea.number()),
                        idea.title(),
                        url(idea.number()),
                        idea.published(),
                        idea.updated(),
                        idea.author(),
                        idea.category(),
                        statuses.name(idea.status(), idea.statusLabel(), locale),
                        idea.bodyHtml(),
                        true))
                .toList();
        String self = UriComponentsBuilder.fromUriString(baseUrl)
                .path("/ideas/feed.atom")
                .query(request.getQueryString())
                .build()
                .toUriString();
        write(response, self, baseUrl + "/ideas", messages.getMessage("ideas.feed.title", null, locale), entries);
    }

    /** What happened to one idea: each status answer and each comment, oldest first. */
    @GetMapping("/ideas/{number}/feed.atom")
    void idea(@PathVariable long number, HttpServletResponse response, Locale locale) throws IOException {
        var idea = finder.idea(number, null);
        String page = url(number);
        List<AtomWriter.Entry> entries = new ArrayList<>();
        for (int i = 0; i < idea.history().size(); i++) {
            var change = idea.history().get(i);
            entries.add(new AtomWriter.Entry(
                    page + "#status-" + i,
                    statuses.name(change.to(), change.toLabel(), locale),
                    page,
                    change.changedAt(),
                    change.changedAt(),
                    change.changedBy(),
                    null,
                    null,
                    change.explanation(),
                    false));
        }
        for (int i = 0; i < idea.comments().size(); i++) {
            var comment = idea.comments().get(i);
            entries.add(new AtomWriter.Entry(
                    page + "#comment-" + i,
                    messages.getMessage("ideas.feed.comment", new Object[] {comment.author()}, locale),
                    page + "#comments",
                    comment.createdAt(),
                    comment.createdAt(),
                    comment.author(),
                    null,
                    null,
                    comment.bodyHtml(),
                    true));
        }
        entries.sort(Comparator.comparing(AtomWriter.Entry::published));
        write(response, page + "/feed.atom", page, idea.title(), entries);
    }

    private void write(
            HttpServletResponse response, String self, String alternate, String title, List<AtomWriter.Entry> entries)
            throws IOException {
        response.setContentType("application/atom+xml;charset=UTF-8");
        try {
            AtomWriter.write(response.getOutputStream(), self, alternate, title, entries);
        } catch (XMLStreamException e) {
            throw new IOException("Could not write the feed " + self, e);
        }
    }

    private String url(long number) {
        return baseUrl + "/ideas/" + number;
    }
}
