package io.backchannel.listening.web;

import io.backchannel.identity.SignedInAccount;
import io.backchannel.listening.internal.Crises;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Crisis mode for staff: switching a topic into it with a holding statement, answering its waiting conversations in
 * bulk (choose, confirm, send), and ending it.
 */
@Controller
class CrisisController {

    private final Crises crises;

    CrisisController(Crises crises) {
        this.crises = crises;
    }

    @GetMapping("/workspace/crisis")
    String list(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new CrisisForm("", "", "", ""));
        }
        model.addAttribute("crises", crises.latest());
        return "listening/spikes/crises";
    }

    @PostMapping("/workspace/crisis")
    String start(
            @Valid @ModelAttribute("form") CrisisForm form,
            BindingResult result,
            @AuthenticationPrincipal SignedInAccount account,
            Model model,
            RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                UUID id = crises.start(
                        form.topicKey(),
                        form.statementEn(),
                        Objects.requireNonNullElse(form.statementDe(), ""),
                        Objects.requireNonNullElse(form.incidentUrl(), ""),
                        account.id());
                redirect.addFlashAttribute("flash", "listening.crisis.started");
                return "redirect:/workspace/crisis/" + id;
            } catch (Crises.Refused e) {
                result.rejectValue("topic", e.key());
            }
        }
        model.addAttribute("crises", crises.latest());
        return "listening/spikes/crises";
    }

    @GetMapping("/workspace/crisis/{id}")
    String show(@PathVariable UUID id, Model model) {
        var crisis = crises.get(id);
        model.addAttribute("crisis", crisis);
        model.addAttribute("waiting", crisis.active() ? crises.waiting(crisis.topic()) : List.of());
        model.addAttribute("log", crises.log(id));
        return "listening/spikes/crisis";
    }

    /** The confirmation step: what will be sent to how many conversations, before anything is. */
    @PostMapping("/workspace/crisis/{id}/confirm")
    String confirm(
            @PathVariable UUID id,
            @RequestParam(name = "conversation", required = false) @Nullable List<String> chosen,
            @RequestParam(defaultValue = "false") boolean all,
            Model model,
            RedirectAttributes redirect) {
        var crisis = crises.get(id);
        var waiting = crises.waiting(crisis.topic()).stream()
                .filter(conversation -> !conversation.answered())
                .toList();
        var ids = all ? waiting.stream().map(Crises.Waiting::id).toList() : uuids(chosen);
        var selected = waiting.stream()
                .filter(conversation -> ids.contains(conversation.id()))
                .toList();
        if (!crisis.active() || selected.isEmpty()) {
            redirect.addFlashAttribute(
                    "flashError", crisis.active() ? "listening.crisis.none-chosen" : "listening.crisis.ended");
            return "redirect:/workspace/crisis/" + id;
        }
        model.addAttribute("crisis", crisis);
        model.addAttribute("selected", selected);
        model.addAttribute("previewEn", crisis.statement("en"));
        model.addAttribute("previewDe", crisis.statement("de"));
        return "listening/spikes/confirm";
    }

    @PostMapping("/workspace/crisis/{id}/answer")
    String answer(
            @PathVariable UUID id,
            @RequestParam(name = "conversation", required = false) @Nullable List<String> chosen,
            @AuthenticationPrincipal SignedInAccount account,
            RedirectAttributes redirect) {
        var ids = uuids(chosen);
        if (ids.isEmpty()) {
            redirect.addFlashAttribute("flashError", "listening.crisis.none-chosen");
        } else {
            try {
                redirect.addFlashAttribute("outcome", crises.answer(id, ids, account.id()));
                redirect.addFlashAttribute("flash", "listening.crisis.answered");
            } catch (Crises.Refused e) {
                redirect.addFlashAttribute("flashError", e.key());
            }
        }
        return "redirect:/workspace/crisis/" + id;
    }

    @PostMapping("/workspace/crisis/{id}/end")
    String end(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount account, RedirectAttributes redirect) {
        crises.end(id, account.id());
        redirect.addFlashAttribute("flash", "listening.crisis.ended-now");
        return "redirect:/workspace/crisis/" + id;
    }

    private static List<UUID> uuids(@Nullable List<String> values) {
        var ids = new ArrayList<UUID>();
        if (values != null) {
            for (String value : values.subList(0, Math.min(values.size(), Crises.BATCH_MAX))) {
                UUID id = InboxFilters.uuid(value);
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    record CrisisForm(
            @NotBlank(message = "{validation.required}")
                    @Pattern(regexp = "#?[\\p{L}\\p{N}_-]{1,100}", message = "{listening.crisis.topic-invalid}")
                    String topic,
            @NotBlank(message = "{validation.required}")
                    @Size(max = Crises.STATEMENT_MAX, message = "{validation.too-long}")
                    String statementEn,
            @Size(max = Crises.STATEMENT_MAX, message = "{validation.too-long}") @Nullable String statementDe,
            @Size(max = Crises.URL_MAX, message = "{validation.too-long}")
                    @Pattern(regexp = "|https?://\\S+", message = "{listening.crisis.url-invalid}")
                    @Nullable
                    String incidentUrl) {

        /** Topics are stored as lower-case hashtags without the sign. */
        String topicKey() {
            return topic.strip().replaceFirst("^#", "").toLowerCase(Locale.ROOT);
        }
    }
}
