package io.backchannel.blog.web;

import io.backchannel.blog.internal.BlogEditor;
import io.backchannel.blog.internal.BlogEditorSettings;
import io.backchannel.blog.internal.BlogLanguages;
import io.backchannel.blog.internal.BlogPosts;
import io.backchannel.blog.internal.EditRefused;
import io.backchannel.blog.internal.LineDiff;
import io.backchannel.blog.internal.StaleEdit;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.ListPage;
import io.backchannel.system.NotFoundException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The staff's blog: every post, the editor with its preview, revisions and translations (staff only: /workspace). */
@Controller
class BlogEditorController {

    static final String BASE = "/workspace/blog";

    /** The categories' names, spelled out for the message-key guard (templates build them from the slug). */
    static final List<String> CATEGORY_KEYS = List.of(
            "blog.category.news",
            "blog.category.ideas-in-action",
            "blog.category.investor-relations",
            "blog.category.careers",
            "blog.category.product");

    static final List<String> STATE_KEYS =
            List.of("blog.editor.state.DRAFT", "blog.editor.state.SCHEDULED", "blog.editor.state.PUBLISHED");

    private final BlogPosts posts;
    private final BlogEditor editor;
    private final BlogLanguages languages;
    private final BlogEditorSettings settings;
    private final IdentityManagement identity;

    BlogEditorController(
            BlogPosts posts,
            BlogEditor editor,
            BlogLanguages languages,
            BlogEditorSettings settings,
            IdentityManagement identity) {
        this.posts = posts;
        this.editor = editor;
        this.languages = languages;
        this.settings = settings;
        this.identity = identity;
    }

    @GetMapping(BASE)
    String list(
            @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable String language,
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        var chosenState = Stream.of(BlogPosts.State.values())
                .filter(s -> s.name().equals(state))
                .findFirst()
                .orElse(null);
        String chosenLanguage = language != null && languages.supported(language) ? language : null;
        String chosenCategory = posts.categories().stream()
                .map(BlogPosts.Category::slug)
                .filter(slug -> slug.equals(category))
                .findFirst()
                .orElse(null);
        String text = q.length() > 200 ? q.substring(0, 200) : q;
        var filter = new BlogPosts.Filter(chosenState, chosenLanguage, chosenCategory, text);
        model.addAttribute("posts", posts.page(filter, page, ListPage.DEFAULT_SIZE));
        model.addAttribute("state", chosenState == null ? null : chosenState.name());
        model.addAttribute("language", chosenLanguage);
        model.addAttribute("category", chosenCategory);
        model.addAttribute("q", text);
        model.addAttribute("states", BlogPosts.State.values());
        return choices(model, "blog/posts");
    }

    @GetMapping(BASE + "/new")
    String initCreationForm(Model model) {
        model.addAttribute("form", PostForm.empty(languages.primary()));
        return choices(model, "blog/edit");
    }

    @PostMapping(BASE)
    String processCreationForm(
            @ModelAttribute("form") PostForm form,
            BindingResult result,
            @RequestParam(defaultValue = "save") String action,
            @AuthenticationPrincipal SignedInAccount account,
            Model model,
            RedirectAttributes redirect) {
        var chosen = action(action);
        Instant at = publishAt(form, chosen, result);
        if (!result.hasErrors()) {
            try {
                long number = editor.create(form.draft(at), chosen, account.id());
                redirect.addFlashAttribute("flash", saved(chosen));
                return "redirect:" + BASE + "/" + number + "/edit";
            } catch (EditRefused e) {
                result.rejectValue(e.field(), e.messageKey(), e.arguments(), e.messageKey());
            }
        }
        return choices(model, "blog/edit");
    }

    @GetMapping(BASE + "/{number}/edit")
    String initUpdateForm(@PathVariable long number, Model model) {
        var post = post(number);
        model.addAttribute("form", PostForm.of(post, settings.zone()));
        return edit(post, model);
    }

    @PostMapping(BASE + "/{number}")
    String processUpdateForm(
            @PathVariable long number,
            @ModelAttribute("form") PostForm form,
            BindingResult result,
            @RequestParam(defaultValue = "save") String action,
            @AuthenticationPrincipal SignedInAccount account,
            Model model,
            RedirectAttributes redirect) {
        var post = post(number);
        var chosen = action(action);
        Instant at = publishAt(form, chosen, result);
        if (!result.hasErrors()) {
            try {
                int version = Objects.requireNonNullElse(form.version(), -1);
                editor.update(number, version, form.draft(at), chosen, form.broughtUpToDate(), account.id());
                redirect.addFlashAttribute("flash", saved(chosen));
                return "redirect:" + BASE + "/" + number + "/edit";
            } catch (EditRefused e) {
                result.rejectValue(e.field(), e.messageKey(), e.arguments(), e.messageKey());
            } catch (StaleEdit e) {
                var current = post(number);
                model.addAttribute("conflict", e);
                model.addAttribute("conflictFrom", Objects.requireNonNullElse(form.revision(), 1));
                // The author's text stays; saving again now knowingly replaces the newer version.
                model.addAttribute("form", form.over(current.version(), current.revision()));
                return edit(current, model);
            }
        }
        return edit(post, model);
    }

    /** The text as readers will see it, for the editor's live preview. */
    @PostMapping(BASE + "/preview")
    String preview(@RequestParam(defaultValue = "") String body, Model model) {
        if (body.length() > settings.maxBodyLength()) {
            model.addAttribute("tooLong", settings.maxBodyLength());
        } else {
            model.addAttribute("html", BlogEditor.html(body));
        }
        return "blog/preview :: preview";
    }

    @GetMapping(BASE + "/{number}/revisions")
    String revisions(@PathVariable long number, Model model) {
        var post = post(number);
        var revisions = posts.revisions(post.id());
        model.addAttribute("post", post);
        model.addAttribute("revisions", revisions);
        model.addAttribute(
                "editors",
                identity.displayNames(revisions.stream()
                        .map(BlogPosts.Revision::editedBy)
                        .distinct()
                        .toList()));
        return "blog/revisions";
    }

    /** What changed from the revision to the current text, line by line. */
    @GetMapping(BASE + "/{number}/diff")
    String diff(@PathVariable long number, @RequestParam int from, Model model) {
        var post = post(number);
        var old = posts.revision(post.id(), from).orElseThrow(() -> new NotFoundException("revision " + from));
        var content = post.content();
        model.addAttribute("post", post);
        model.addAttribute("from", old);
        model.addAttribute("titleDiff", LineDiff.between(old.title(), content.title()));
        model.addAttribute("summaryDiff", LineDiff.between(old.summary(), content.summary()));
        model.addAttribute("bodyDiff", LineDiff.between(old.body(), content.body()));
        return "blog/diff";
    }

    @PostMapping(BASE + "/{number}/revisions/{revision}/restore")
    String restore(
            @PathVariable long number,
            @PathVariable int revision,
            @AuthenticationPrincipal SignedInAccount account,
            RedirectAttributes redirect) {
        editor.restore(number, revision, account.id());
        redirect.addFlashAttribute("flash", "blog.revisions.restored");
        return "redirect:" + BASE + "/" + number + "/edit";
    }

    @PostMapping(BASE + "/{number}/translations")
    String translate(
            @PathVariable long number,
            @RequestParam(defaultValue = "") String language,
            @AuthenticationPrincipal SignedInAccount account,
            RedirectAttributes redirect) {
        try {
            long translation = editor.translate(number, language, account.id());
            redirect.addFlashAttribute("flash", "blog.translations.started");
            return "redirect:" + BASE + "/" + translation + "/edit";
        } catch (EditRefused e) {
            redirect.addFlashAttribute("flashError", e.messageKey());
            return "redirect:" + BASE + "/" + number + "/edit";
        }
    }

    private String edit(BlogPosts.Post post, Model model) {
        model.addAttribute("post", post);
        var original = post.translationOf() == null
                ? post
                : posts.byId(post.translationOf()).orElse(post);
        model.addAttribute("original", original);
        model.addAttribute("translations", posts.translations(original.id()));
        return choices(model, "blog/edit");
    }

    private String choices(Model model, String view) {
        model.addAttribute("languages", languages.codes());
        var names = new java.util.LinkedHashMap<String, String>();
        languages.codes().forEach(code -> names.put(code, BlogLanguages.nativeName(code)));
        model.addAttribute("languageNames", names);
        model.addAttribute("categories", posts.categories());
        model.addAttribute("zone", settings.zone().getId());
        model.addAttribute("maxImageMegabytes", settings.maxImageBytes() / (1024 * 1024));
        return view;
    }

    private BlogPosts.Post post(long number) {
        return posts.byNumber(number).orElseThrow(() -> new NotFoundException("post " + number));
    }

    private static BlogEditor.Action action(String action) {
        return Stream.of(BlogEditor.Action.values())
                .filter(a -> a.name().equals(action.toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElse(BlogEditor.Action.SAVE);
    }

    private static String saved(BlogEditor.Action action) {
        return switch (action) {
            case SAVE -> "blog.editor.saved";
            case PUBLISH -> "blog.editor.published";
            case SCHEDULE -> "blog.editor.scheduled";
            case WITHDRAW -> "blog.editor.withdrawn";
        };
    }

    /** The date and time to publish at, in the blog's zone; only scheduling needs (and checks) one. */
    private @Nullable Instant publishAt(PostForm form, BlogEditor.Action action, BindingResult result) {
        String value = Objects.requireNonNullElse(form.publishAt(), "").strip();
        if (action != BlogEditor.Action.SCHEDULE || value.isEmpty()) {
            return null;
        }
        try {
            var time = LocalDateTime.parse(value);
            if (time.getYear() >= 2000 && time.getYear() <= 9999) {
                return time.atZone(settings.zone()).toInstant();
            }
        } catch (DateTimeParseException e) {
            // answered below, like a year out of range
        }
        result.rejectValue("publishAt", "blog.editor.schedule.invalid");
        return null;
    }
}
