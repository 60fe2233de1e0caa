package io.backchannel.ideas.web;

import io.backchannel.ideas.internal.IdeaFinder;
import io.backchannel.ideas.internal.SiteZone;
import io.backchannel.ideas.internal.StormSessions;
import io.backchannel.ideas.internal.Storms;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Storm sessions: their public pages, and the staff's pages to set them up (under /workspace, so staff only). */
@Controller
class StormsController {

    static final String LIST = "ideas/storms";
    static final String DETAIL = "ideas/storm";
    static final String STAFF_LIST = "ideas/storms-staff";
    static final String STAFF_EDIT = "ideas/storm-edit";
    static final String STAFF_URL = "/workspace/ideas/storms";
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 9999;

    private final StormSessions storms;
    private final IdeaFinder finder;
    private final ZoneId zone;

    StormsController(StormSessions storms, IdeaFinder finder, SiteZone zone) {
        this.storms = storms;
        this.finder = finder;
        this.zone = zone.zone();
    }

    @GetMapping("/ideas/storms")
    String list(Model model) {
        var all = storms.all();
        var groups = new java.util.LinkedHashMap<String, java.util.List<Storms.Storm>>();
        groups.put(
                "open", all.stream().filter(s -> s.phase() == Storms.Phase.OPEN).toList());
        groups.put(
                "upcoming",
                all.stream().filter(s -> s.phase() == Storms.Phase.UPCOMING).toList());
        groups.put(
                "past",
                all.stream().filter(s -> s.phase() == Storms.Phase.ENDED).toList());
        model.addAttribute("groups", groups);
        return LIST;
    }

    @GetMapping("/ideas/storms/{slug}")
    String detail(@PathVariable String slug, Model model) {
        model.addAttribute("page", storms.page(slug));
        return DETAIL;
    }

    @GetMapping(STAFF_URL)
    String initCreationForm(Model model) {
        model.addAttribute("form", new StormForm("", "", null, "", ""));
        return staffList(model);
    }

    @PostMapping(STAFF_URL)
    String processCreationForm(
            @Valid @ModelAttribute("form") StormForm form,
            BindingResult result,
            @AuthenticationPrincipal SignedInAccount account,
            Model model,
            RedirectAttributes redirect) {
        var draft = draft(form, result);
        if (draft != null) {
            try {
                String slug = storms.create(draft, account.id());
                redirect.addFlashAttribute("flash", "ideas.storm.created");
                return "redirect:/ideas/storms/" + slug;
            } catch (NotFoundException e) {
                result.rejectValue("category", "validation.choice");
            }
        }
        return staffList(model);
    }

    @GetMapping(STAFF_URL + "/{id}")
    String initUpdateForm(@PathVariable UUID id, Model model) {
        var storm = storms.byId(id);
        model.addAttribute(
                "form",
                new StormForm(
                        storm.title(),
                        storm.descriptionMarkdown(),
                        storm.categoryId(),
                        local(storm.startsAt()),
                        local(storm.endsAt())));
        return edit(storm, model);
    }

    @PostMapping(STAFF_URL + "/{id}")
    String processUpdateForm(
            @PathVariable UUID id,
            @Valid @ModelAttribute("form") StormForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        var storm = storms.byId(id);
        var draft = draft(form, result);
        if (draft != null) {
            try {
                storms.update(id, draft);
                redirect.addFlashAttribute("flash", "ideas.storm.saved");
                return "redirect:" + STAFF_URL;
            } catch (NotFoundException e) {
                result.rejectValue("category", "validation.choice");
            }
        }
        return edit(storm, model);
    }

    private String staffList(Model model) {
        model.addAttribute("storms", storms.all());
        model.addAttribute("categories", finder.categories());
        return STAFF_LIST;
    }

    private String edit(Storms.Storm storm, Model model) {
        model.addAttribute("storm", storm);
        model.addAttribute("categories", finder.categories());
        return STAFF_EDIT;
    }

    /** The form as a session, or null with the errors next to their fields. */
    private Storms.@Nullable Draft draft(StormForm form, BindingResult result) {
        Instant starts = instant("startsAt", form.startsAt(), result);
        Instant ends = instant("endsAt", form.endsAt(), result);
        if (starts != null && ends != null && !ends.isAfter(starts)) {
            result.rejectValue("endsAt", "ideas.storm.end-before-start");
        }
        if (result.hasErrors() || starts == null || ends == null) {
            return null;
        }
        return new Storms.Draft(
                Objects.requireNonNull(form.title()).strip(),
                Objects.requireNonNullElse(form.description(), "").strip(),
                form.category(),
                starts,
                ends);
    }

    /** A date and time from the browser's date-time field, in the site's zone; field errors are left to @NotBlank. */
    private @Nullable Instant instant(String field, @Nullable String value, BindingResult result) {
        if (value == null || value.isBlank() || result.hasFieldErrors(field)) {
            return null;
        }
        try {
            var time = LocalDateTime.parse(value.strip());
            if (time.getYear() >= FIRST_YEAR && time.getYear() <= LAST_YEAR) {
                return time.atZone(zone).toInstant();
            }
        } catch (DateTimeParseException e) {
            // answered below, like a year out of range
        }
        result.rejectValue(field, "ideas.storm.date-invalid");
        return null;
    }

    private String local(Instant instant) {
        return LocalDateTime.ofInstant(instant, zone)
                .truncatedTo(ChronoUnit.MINUTES)
                .toString();
    }

    record StormForm(
            @NotBlank(message = "{validation.required}") @Size(max = 150, message = "{validation.too-long}") @Nullable
                    String title,
            @Size(max = 10000, message = "{validation.too-long}") @Nullable String description,
            @Nullable UUID category,
            @NotBlank(message = "{validation.required}") @Size(max = 40, message = "{validation.too-long}") @Nullable
                    String startsAt,
            @NotBlank(message = "{validation.required}") @Size(max = 40, message = "{validation.too-long}") @Nullable
                    String endsAt) {}
}
