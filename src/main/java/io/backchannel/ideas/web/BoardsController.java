package io.backchannel.ideas.web;

import io.backchannel.ideas.internal.Categories;
import io.backchannel.ideas.internal.IdeaSetup;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Objects;
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

/** Admins set up the portal's boards, one per product area (under /admin, so admins only). */
@Controller
class BoardsController {

    static final String VIEW = "ideas/boards";

    private final Categories categories;
    private final IdeaSetup setup;

    BoardsController(Categories categories, IdeaSetup setup) {
        this.categories = categories;
        this.setup = setup;
    }

    @GetMapping("/admin/ideas/boards")
    String initCreationForm(Model model) {
        model.addAttribute("form", new BoardForm("", "", "", false, false));
        return list(model);
    }

    @PostMapping("/admin/ideas/boards")
    String processCreationForm(
            @Valid @ModelAttribute("form") BoardForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                setup.createCategory(
                        Objects.requireNonNull(form.slug()).strip(),
                        Objects.requireNonNull(form.name()).strip(),
                        Objects.requireNonNullElse(form.description(), "").strip(),
                        Boolean.TRUE.equals(form.upVotesOnly()),
                        Boolean.TRUE.equals(form.preModerated()));
                redirect.addFlashAttribute("flash", "ideas.boards.created");
                return "redirect:/admin/ideas/boards";
            } catch (Categories.CategoryTaken e) {
                result.rejectValue("slug", "ideas.boards.slug-taken");
            }
        }
        return list(model);
    }

    /** Turns pre-moderation of the board on or off; ideas already posted keep their state. */
    @PostMapping("/admin/ideas/boards/{id}/pre-moderation")
    String preModerate(@PathVariable UUID id, @RequestParam boolean preModerated, RedirectAttributes redirect) {
        setup.preModerate(id, preModerated);
        redirect.addFlashAttribute("flash", "ideas.moderation.board-changed");
        return "redirect:/admin/ideas/boards";
    }

    @PostMapping("/admin/ideas/boards/{id}/budget")
    String changeBudget(
            @PathVariable UUID id, @Valid BudgetForm form, BindingResult result, RedirectAttributes redirect) {
        if (result.hasErrors()) {
            redirect.addFlashAttribute("flashError", "ideas.budget.invalid");
        } else {
            setup.setVoteBudget(id, form.voteBudget());
            redirect.addFlashAttribute("flash", "ideas.budget.saved");
        }
        return "redirect:/admin/ideas/boards";
    }

    private String list(Model model) {
        model.addAttribute("boards", categories.withCounts());
        return VIEW;
    }

    record BoardForm(
            @NotBlank(message = "{validation.required}") @Size(max = 80, message = "{validation.too-long}") @Nullable
                    String name,
            @NotBlank(message = "{validation.required}")
                    @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "{ideas.boards.slug-invalid}")
                    @Size(max = 40, message = "{validation.too-long}")
                    @Nullable
                    String slug,
            @Size(max = 300, message = "{validation.too-long}") @Nullable String description,
            @Nullable Boolean upVotesOnly,
            @Nullable Boolean preModerated) {}

    /** Votes per person on the board; empty for no limit. */
    record BudgetForm(
            @Min(value = 1, message = "{validation.range}") @Max(value = 1000, message = "{validation.range}") @Nullable
                    Integer voteBudget) {}
}
