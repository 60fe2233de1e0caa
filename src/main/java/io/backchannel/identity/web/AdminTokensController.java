package io.backchannel.identity.web;

import io.backchannel.identity.internal.AccountPrincipal;
import io.backchannel.identity.internal.Administration;
import io.backchannel.identity.web.Forms.TokenForm;
import jakarta.validation.Valid;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** API tokens for integrations: created here, shown once, revoked here. */
@Controller
class AdminTokensController {

    static final String VIEW = "identity/admin/tokens";

    private final Administration administration;

    AdminTokensController(Administration administration) {
        this.administration = administration;
    }

    @GetMapping("/admin/tokens")
    String initCreationForm(@AuthenticationPrincipal AccountPrincipal admin, Model model) {
        model.addAttribute("form", TokenForm.forOwner(admin.email()));
        return list(model);
    }

    @PostMapping("/admin/tokens")
    String processCreationForm(
            @Valid @ModelAttribute("form") TokenForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            int days = Objects.requireNonNullElse(form.validDays(), 0);
            Instant expires = days == 0 ? null : Instant.now().plus(Duration.ofDays(days));
            try {
                String secret = administration.createToken(
                        Objects.requireNonNull(form.owner()), Objects.requireNonNull(form.name()), expires);
                redirect.addFlashAttribute("createdToken", secret);
                return "redirect:/admin/tokens";
            } catch (Administration.UnknownMember e) {
                result.rejectValue("owner", "admin.tokens.owner-unknown");
            }
        }
        return list(model);
    }

    @PostMapping("/admin/tokens/{id}/revoke")
    String revoke(@PathVariable UUID id, RedirectAttributes redirect) {
        administration.revokeToken(id);
        redirect.addFlashAttribute("flash", "admin.tokens.revoked");
        return "redirect:/admin/tokens";
    }

    private String list(Model model) {
        model.addAttribute("tokens", administration.tokens());
        return VIEW;
    }
}
