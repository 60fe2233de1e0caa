package io.backchannel.ideas.web;

import io.backchannel.ideas.IdeaStatus;
import io.backchannel.ideas.internal.IdeaStatuses;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
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

/** Admins name the statuses (under /admin, so admins only): the built-in ones per language, and their own. */
@Controller
class StatusesController {

    static final String VIEW = "ideas/statuses";
    static final String PAGE = "redirect:/admin/ideas/statuses";
    static final int NAME_MAX = 60;

    private final IdeaStatuses statuses;

    StatusesController(IdeaStatuses statuses) {
        this.statuses = statuses;
    }

    @GetMapping("/admin/ideas/statuses")
    String initCreationForm(Model model) {
        model.addAttribute("form", new StatusForm("", "", "", false));
        return page(model);
    }

    @PostMapping("/admin/ideas/statuses")
    String processCreationForm(
            @Valid @ModelAttribute("form") StatusForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        var stage = stage(form.stage());
        if (stage.isEmpty()) {
            result.rejectValue("stage", "validation.choice");
        }
        if (!result.hasErrors()) {
            try {
                statuses.add(
                        stage.orElseThrow(),
                        Objects.requireNonNull(form.nameEn()),
                        Objects.requireNonNullElse(form.nameDe(), ""),
                        Boolean.TRUE.equals(form.needsExplanation()));
                redirect.addFlashAttribute("flash", "ideas.statuses.created");
                return PAGE;
            } catch (IdeaStatuses.NameTaken e) {
                result.rejectValue("nameEn", "ideas.statuses.name-taken");
            }
        }
        return page(model);
    }

    /** Renames a built-in status; empty names bring back the standard ones. */
    @PostMapping("/admin/ideas/statuses/rename")
    String rename(
            @RequestParam(defaultValue = "") String stage,
            @RequestParam(defaultValue = "") String nameEn,
            @RequestParam(defaultValue = "") String nameDe,
            RedirectAttributes redirect) {
        var builtin = stage(stage);
        if (builtin.isEmpty()) {
            redirect.addFlashAttribute("flashError", "ideas.status.invalid");
        } else if (nameEn.strip().length() > NAME_MAX || nameDe.strip().length() > NAME_MAX) {
            redirect.addFlashAttribute("flashError", "ideas.statuses.too-long");
        } else {
            statuses.rename(builtin.get(), nameEn, nameDe);
            redirect.addFlashAttribute("flash", "ideas.statuses.renamed");
        }
        return PAGE;
    }

    @PostMapping("/admin/ideas/statuses/{id}/delete")
    String delete(@PathVariable String id, RedirectAttributes redirect) {
        boolean deleted;
        try {
            deleted = statuses.delete(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            deleted = false;
        }
        if (deleted) {
            redirect.addFlashAttribute("flash", "ideas.statuses.deleted");
        } else {
            redirect.addFlashAttribute("flashError", "ideas.status.invalid");
        }
        return PAGE;
    }

    private String page(Model model) {
        model.addAttribute("stages", IdeaStatus.values());
        var labels = statuses.labels();
        model.addAttribute(
                "renamed",
                labels.stream()
                        .filter(IdeaStatuses.Label::builtin)
                        .collect(java.util.stream.Collectors.toMap(label -> label.stage(), label -> label)));
        model.addAttribute(
                "own", labels.stream().filter(label -> !label.builtin()).toList());
        return VIEW;
    }

    private static Optional<IdeaStatus> stage(@Nullable String value) {
        return Arrays.stream(IdeaStatus.values())
                .filter(stage -> stage.name().equals(value))
                .findFirst();
    }

    record StatusForm(
            @NotBlank(message = "{validation.required}")
                    @Size(max = NAME_MAX, message = "{validation.too-long}")
                    @Nullable
                    String nameEn,
            @Size(max = NAME_MAX, message = "{validation.too-long}") @Nullable String nameDe,
            @Nullable String stage,
            @Nullable Boolean needsExplanation) {}
}
