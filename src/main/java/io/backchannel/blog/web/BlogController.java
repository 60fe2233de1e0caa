package io.backchannel.blog.web;

import io.backchannel.blog.internal.BlogLanguages;
import io.backchannel.blog.internal.BlogReader;
import io.backchannel.system.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The public blog: the list of stories with its filters and search, and a post with its translations. */
@Controller
class BlogController {

    static final int PAGE_SIZE = 10;
    static final String LIST = "blog/list";
    static final String POST = "blog/post";

    private final BlogReader reader;
    private final BlogLanguages languages;
    private final BlogLinks links;
    private final MessageSource messages;

    BlogController(BlogReader reader, BlogLanguages languages, BlogLinks links, MessageSource messages) {
        this.reader = reader;
        this.languages = languages;
        this.links = links;
        this.messages = messages;
    }

    /** Each language the blog publishes in, named in itself, for language filters and switches. */
    @ModelAttribute("languageNames")
    Map<String, String> languageNames() {
        Map<String, String> names = new LinkedHashMap<>();
        languages.codes().forEach(code -> names.put(code, BlogLanguages.nativeName(code)));
        return names;
    }

    @GetMapping("/blog")
    String list(
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable String tag,
            @RequestParam(required = false) @Nullable String language,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "1") int page,
            Locale locale,
            Model model) {
        var filter = new BlogReader.StoryFilter(
                BlogInput.filter(category), BlogInput.filter(tag), BlogInput.filter(language), BlogInput.filter(q));
        model.addAttribute(
                "stories", reader.stories(filter, locale.getLanguage(), Math.max(page, 1), PAGE_SIZE, Instant.now()));
        model.addAttribute("category", filter.category());
        model.addAttribute("tag", filter.tag());
        model.addAttribute("language", filter.language());
        model.addAttribute("q", filter.search() == null ? "" : filter.search());
        model.addAttribute("categories", reader.categories());
        model.addAttribute("languages", languages.codes());
        return LIST;
    }

    @GetMapping("/blog/{language}/{slug}")
    String post(@PathVariable String language, @PathVariable String slug, Locale locale, Model model) {
        var post = languages.supported(language)
                ? reader.post(language, slug, Instant.now()).orElse(null)
                : null;
        if (post == null) {
            throw new NotFoundException("blog post " + language + "/" + slug);
        }
        String canonical = links.post(post.language(), post.slug());
        List<Alternate> alternates = new ArrayList<>();
        post.translations()
                .forEach(t -> alternates.add(new Alternate(t.language(), links.post(t.language(), t.slug()))));
        var original = post.original();
        alternates.add(new Alternate("x-default", links.post(original.language(), original.slug())));
        model.addAttribute("post", post);
        model.addAttribute("canonical", canonical);
        model.addAttribute("alternates", alternates);
        model.addAttribute(
                "jsonLd",
                JsonLd.blogPosting(
                        post,
                        canonical,
                        messages.getMessage("blog.category." + post.category(), null, post.category(), locale),
                        messages.getMessage("app.name", null, locale)));
        return POST;
    }

    record Alternate(String hreflang, String href) {}
}
