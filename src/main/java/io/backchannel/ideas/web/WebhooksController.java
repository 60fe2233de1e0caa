package io.backchannel.ideas.web;

import io.backchannel.ideas.internal.WebhookAdministration;
import io.backchannel.ideas.internal.WebhookEvent;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Outgoing webhooks: admins register endpoints, see each one's deliveries and send one again (under /admin). */
@Controller
class WebhooksController {

    static final String LIST = "ideas/webhooks";
    static final String LOG = "ideas/webhook-log";

    private final WebhookAdministration administration;

    WebhooksController(WebhookAdministration administration) {
        this.administration = administration;
    }

    @GetMapping("/admin/webhooks")
    String initCreationForm(Model model) {
        model.addAttribute("form", new WebhookForm("", List.of(WebhookEvent.values())));
        return list(model);
    }

    @PostMapping("/admin/webhooks")
    String processCreationForm(
            @Valid @ModelAttribute("form") WebhookForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        if (!result.hasFieldErrors("url") && !WebhookAdministration.acceptable(Objects.requireNonNull(form.url()))) {
            result.rejectValue("url", "ideas.webhooks.url-invalid");
        }
        if (result.hasErrors()) {
            return list(model);
        }
        var registered =
                administration.register(Objects.requireNonNull(form.url()), Objects.requireNonNull(form.events()));
        redirect.addFlashAttribute("createdSecret", registered.secret());
        redirect.addFlashAttribute("flash", "ideas.webhooks.created");
        return "redirect:/admin/webhooks/" + registered.id();
    }

    @GetMapping("/admin/webhooks/{id}")
    String log(@PathVariable UUID id, Model model) {
        model.addAttribute("endpoint", administration.endpoint(id));
        model.addAttribute("deliveries", administration.log(id));
        return LOG;
    }

    @PostMapping("/admin/webhooks/{id}/deliveries/{delivery}/redeliver")
    String redeliver(@PathVariable UUID id, @PathVariable UUID delivery, RedirectAttributes redirect) {
        administration.redeliver(id, delivery);
        redirect.addFlashAttribute("flash", "ideas.webhooks.redelivered");
        return "redirect:/admin/webhooks/" + id;
    }

    @PostMapping("/admin/webhooks/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        administration.remove(id);
        redirect.addFlashAttribute("flash", "ideas.webhooks.deleted");
        return "redirect:/admin/webhooks";
    }

    private String list(Model model) {
        model.addAttribute("endpoints", administration.endpoints());
        model.addAttribute("allEvents", WebhookEvent.values());
        return LIST;
    }

    record WebhookForm(
            @NotBlank(message = "{validation.required}") @Size(max = 2000, message = "{validation.too-long}") @Nullable
                    String url,
            @NotEmpty(message = "{validation.choose-one}") @Nullable List<WebhookEvent> events) {}
}
