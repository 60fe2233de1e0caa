package io.backchannel.identity.web;

import io.backchannel.identity.internal.Registration;
import io.backchannel.identity.web.Forms.EmailForm;
import io.backchannel.identity.web.Forms.ResetForm;
import io.backchannel.system.RateLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.Objects;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A forgotten password: ask for a link by e-mail, then choose a new password through it. */
@Controller
class PasswordResetController {

    static final String FORGOT = "identity/password-forgot";
    static final String RESET = "identity/password-reset";

    private final Registration registration;
    private final RateLimits limits;

    PasswordResetController(Registration registration, RateLimits limits) {
        this.registration = registration;
        this.limits = limits;
    }

    @GetMapping("/password/forgot")
    String initForgotForm(Model model) {
        model.addAttribute("form", EmailForm.empty());
        return FORGOT;
    }

    @PostMapping("/password/forgot")
    String processForgotForm(
            @Valid @ModelAttribute("form") EmailForm form,
            BindingResult result,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        if (result.hasErrors()) {
            return FORGOT;
        }
        if (!limits.tryAcquire("password-reset", request.getRemoteAddr())) {
            result.reject("rate-limit.exceeded");
            return FORGOT;
        }
        registration.requestPasswordReset(Objects.requireNonNull(form.email()));
        redirect.addFlashAttribute("flash", "password.forgot.sent");
        return "redirect:/login";
    }

    @GetMapping("/password/reset")
    String initResetForm(@RequestParam(defaultValue = "") String token, Model model) {
        model.addAttribute("valid", !token.isBlank() && registration.isResetLinkValid(token));
        model.addAttribute("form", new ResetForm(token, "", ""));
        return RESET;
    }

    @PostMapping("/password/reset")
    String processResetForm(
            @Valid @ModelAttribute("form") ResetForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        model.addAttribute("valid", true);
        PasswordRules.check(form.password(), form.passwordRepeat(), result);
        if (result.hasErrors()) {
            return RESET;
        }
        String token = Objects.requireNonNullElse(form.token(), "");
        if (token.isBlank() || !registration.resetPassword(token, Objects.requireNonNull(form.password()))) {
            model.addAttribute("valid", false);
            return RESET;
        }
        redirect.addFlashAttribute("flash", "password.reset.done");
        return "redirect:/login";
    }
}
