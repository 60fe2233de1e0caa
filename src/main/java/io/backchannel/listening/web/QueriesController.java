package io.backchannel.listening.web;

import io.backchannel.listening.internal.ListeningQueries;
import io.backchannel.listening.internal.QueryKind;
import io.backchannel.listening.internal.SavedQuery;
import io.backchannel.text.ListeningQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admins' listening queries (under /admin): the list with search, a form to add one, the edit page with an optimistic
 * version, switching off and on, and a box that tries an expression on the inbox's recent posts.
 */
@Controller
class QueriesController {

    static final String LIST = "redirect:/admin/inbox/queries";
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9_-]{1,40}");
    private static final Pattern HANDLE = Pattern.compile("-?@?[^\\s,]{1,200}");

    private final ListeningQueries queries;

    QueriesController(ListeningQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/admin/inbox/queries")
    String list(
            @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) @Nullable String test,
            Model model) {
        model.addAttribute("form", QueryForm.blank());
        return listPage(q, test, model);
    }

    @PostMapping("/admin/inbox/queries")
    String create(
            @Valid @ModelAttribute("form") QueryForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        var draft = draft(form, result);
        if (draft == null) {
            return listPage("", null, model);
        }
        try {
            queries.create(draft);
        } catch (ListeningQueries.DuplicateName e) {
            result.rejectValue("name", "listening.query.duplicate");
            return listPage("", null, model);
        }
        redirect.addFlashAttribute("flash", "listening.query.created");
        return LIST;
    }

    @GetMapping("/admin/inbox/queries/{id}")
    String edit(@PathVariable UUID id, Model model) {
        model.addAttribute("form", QueryForm.of(queries.get(id)));
        return editPage(id, model);
    }

    @PostMapping("/admin/inbox/queries/{id}")
    String update(
            @PathVariable UUID id,
            @Valid @ModelAttribute("form") QueryForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        queries.get(id);
        var draft = draft(form, result);
        if (draft == null) {
            return editPage(id, model);
        }
        try {
            queries.update(id, form.version() == null ? -1 : form.version(), draft);
        } catch (ListeningQueries.DuplicateName e) {
            result.rejectValue("name", "listening.query.duplicate");
            return editPage(id, model);
        } catch (ListeningQueries.StaleVersion e) {
            redirect.addFlashAttribute("flashError", "listening.query.stale");
            return LIST + "/" + id;
        }
        redirect.addFlashAttribute("flash", "listening.query.saved");
        return LIST;
    }

    @PostMapping("/admin/inbox/queries/{id}/active")
    String setActive(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "false") boolean active,
            @RequestParam(defaultValue = "-1") int version,
            RedirectAttributes redirect) {
        try {
            queries.setActive(id, version, active);
            redirect.addFlashAttribute("flash", active ? "listening.query.activated" : "listening.query.deactivated");
        } catch (ListeningQueries.StaleVersion e) {
            redirect.addFlashAttribute("flashError", "listening.query.stale");
        }
        return LIST;
    }

    private String listPage(String search, @Nullable String test, Model model) {
        String q = search.length() > 200 ? search.substring(0, 200) : search;
        model.addAttribute("q", q);
        model.addAttribute("queries", queries.list(q));
        model.addAttribute("kinds", Arrays.asList(QueryKind.values()));
        if (test != null) {
            model.addAttribute("test", test);
            var parsed = ListeningQuery.parse(test);
            parsed.valid().ifPresent(query -> model.addAttribute("matches", queries.test(query)));
            if (parsed.problem() != null) {
                model.addAttribute("testProblem", parsed.problem());
            }
        }
        return "listening/queries";
    }

    private String editPage(UUID id, Model model) {
        model.addAttribute("query", queries.get(id));
        model.addAttribute("kinds", Arrays.asList(QueryKind.values()));
        return "listening/query-edit";
    }

    /** The form as a draft, or null with the reasons in the binding result. */
    private static ListeningQueries.@Nullable Draft draft(QueryForm form, BindingResult result) {
        if (!result.hasFieldErrors("expression")) {
            var problem = ListeningQuery.parse(form.expression()).problem();
            if (problem != null) {
                result.rejectValue("expression", problem.key(), problem.arguments(), problem.key());
            }
        }
        var kind = Arrays.stream(QueryKind.values())
                .filter(k -> k.name().equals(form.kind()))
                .findFirst();
        if (kind.isEmpty()) {
            result.rejectValue("kind", "listening.query.kind-invalid");
        }
        var languages = list(form.languages(), LANGUAGE, "languages", "listening.query.languages-invalid", result);
        var channels = list(form.channels(), CHANNEL, "channels", "listening.query.channels-invalid", result);
        var authors = list(form.authors(), HANDLE, "authors", "listening.query.authors-invalid", result);
        if (result.hasErrors() || kind.isEmpty()) {
            return null;
        }
        return new ListeningQueries.Draft(
                form.name(),
                form.expression(),
                kind.get(),
                languages,
                channels,
                authors.stream().filter(a -> !a.startsWith("-")).toList(),
                authors.stream()
                        .filter(a -> a.startsWith("-"))
                        .map(a -> a.substring(1))
                        .toList());
    }

    private static List<String> list(
            @Nullable String given, Pattern each, String field, String key, BindingResult result) {
        var values = new ArrayList<String>();
        if (given == null) {
            return values;
        }
        for (String part : given.split(",")) {
            String value = part.strip().toLowerCase(Locale.ROOT);
            if (value.isEmpty()) {
                continue;
            }
            if (!each.matcher(value).matches()) {
                if (!result.hasFieldErrors(field)) {
                    result.rejectValue(field, key);
                }
                continue;
            }
            if (!values.contains(value)) {
                values.add(value);
            }
        }
        return values;
    }

    record QueryForm(
            @NotBlank(message = "{validation.required}") @Size(max = 80, message = "{validation.too-long}") String name,
            @NotBlank(message = "{validation.required}")
                    @Size(max = ListeningQuery.MAX_LENGTH, message = "{validation.too-long}")
                    String expression,
            @Nullable String kind,
            @Size(max = 200, message = "{validation.too-long}") @Nullable String languages,
            @Size(max = 500, message = "{validation.too-long}") @Nullable String channels,
            @Size(max = 2000, message = "{validation.too-long}") @Nullable String authors,
            @Nullable Integer version) {

        static QueryForm blank() {
            return new QueryForm("", "", QueryKind.BRAND.name(), "", "", "", 0);
        }

        static QueryForm of(SavedQuery query) {
            var authors = new ArrayList<String>(query.authorsInclude());
            query.authorsExclude().forEach(handle -> authors.add("-" + handle));
            return new QueryForm(
                    query.name(),
                    query.expression(),
                    query.kind().name(),
                    String.join(", ", query.languages()),
                    String.join(", ", query.channels()),
                    String.join(", ", authors),
                    query.version());
        }
    }
}
