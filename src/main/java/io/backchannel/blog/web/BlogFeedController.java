package io.backchannel.blog.web;

import io.backchannel.blog.internal.BlogLanguages;
import io.backchannel.blog.internal.BlogReader;
import io.backchannel.system.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLStreamException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The blog's feeds in Atom and RSS 2.0: everything, or one category, or one language, or both. */
@Controller
class BlogFeedController {

    private final BlogReader reader;
    private final BlogLanguages languages;
    private final BlogLinks links;
    private final MessageSource messages;

    BlogFeedController(BlogReader reader, BlogLanguages languages, BlogLinks links, MessageSource messages) {
        this.reader = reader;
        this.languages = languages;
        this.links = links;
        this.messages = messages;
    }

    @GetMapping("/blog/feed.atom")
    void atom(
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable String language,
            HttpServletRequest request,
            HttpServletResponse response,
            Locale locale)
            throws IOException {
        write(
                response,
                "application/atom+xml;charset=UTF-8",
                out -> BlogFeedWriter.atom(
                        out, feed(category, language, request, locale), entries(category, language)));
    }

    @GetMapping("/blog/feed.rss")
    void rss(
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable String language,
            HttpServletRequest request,
            HttpServletResponse response,
            Locale locale)
            throws IOException {
        write(
                response,
                "application/rss+xml;charset=UTF-8",
                out -> BlogFeedWriter.rss(out, feed(category, language, request, locale), entries(category, language)));
    }

    private BlogFeedWriter.Feed feed(
            @Nullable String category, @Nullable String language, HttpServletRequest request, Locale locale) {
        String title = messages.getMessage("blog.feed.title", null, locale);
        String chosenCategory = BlogInput.filter(category);
        String chosenLanguage = BlogInput.filter(language);
        if (chosenLanguage != null && !languages.supported(chosenLanguage)) {
            throw new NotFoundException("blog feed in " + chosenLanguage);
        }
        if (chosenCategory != null) {
            title += " – " + messages.getMessage("blog.category." + chosenCategory, null, chosenCategory, locale);
        }
        if (chosenLanguage != null) {
            title += " (" + BlogLanguages.nativeName(chosenLanguage) + ")";
        }
        String query = request.getQueryString();
        return new BlogFeedWriter.Feed(
                links.page(request.getRequestURI(), query),
                links.page("/blog", query),
                title,
                messages.getMessage("blog.feed.description", null, locale),
                chosenLanguage);
    }

    private List<BlogFeedWriter.Entry> entries(@Nullable String category, @Nullable String language) {
        var posts = reader.feed(BlogInput.filter(category), BlogInput.filter(language), Instant.now());
        var authors = reader.authorNames(posts);
        return posts.stream()
                .map(post -> new BlogFeedWriter.Entry(
                        links.post(post.language(), post.slug()),
                        post.title(),
                        post.summary(),
                        post.bodyHtml(),
                        authors.getOrDefault(post.authorId(), ""),
                        post.category(),
                        post.language(),
                        post.published(),
                        post.updated()))
                .toList();
    }

    private static void write(HttpServletResponse response, String contentType, FeedBody body) throws IOException {
        response.setContentType(contentType);
        try {
            body.writeTo(response.getOutputStream());
        } catch (XMLStreamException e) {
            throw new IOException("Could not write a blog feed", e);
        }
    }

    @FunctionalInterface
    private interface FeedBody {
        void writeTo(OutputStream out) throws XMLStreamException;
    }
}
