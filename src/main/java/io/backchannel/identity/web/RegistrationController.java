package io.backchannel.identity.web;

import io.backchannel.identity.EmailAlreadyRegistered;
import io.backchannel.identity.internal.Registration;
import io.backchannel.identity.web.Forms.EmailForm;
import io.backchannel.identity.web.Forms.RegistrationForm;
import io.backchannel.system.RateLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.Locale;
import java.util.Objects;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Customers register themselves and confirm their e-mail address by a link. */
@Controller
class RegistrationController {

    static final String FORM = "identity/register";
    static final String RESEND = "identity/resend";
    static final String CONFIRMED = "identity/confirmed";

    private final Registration registration;
    private final RateLimits limits;

    RegistrationController(Registration registration, RateLimits limits) {
        this.registration = registration;
        this.limits = limits;
    }

    @GetMapping("/register")
    String initRegistrationForm(Model model) {
        model.addAttribute("form", RegistrationForm.empty());
        return FORM;
    }

    @PostMapping("/register")
    String processRegistrationForm(
            @Valid @ModelAttribute("form") RegistrationForm form,
            BindingResult result,
            HttpServletRequest request,
            Locale locale,
            RedirectAttributes redirect) {
        PasswordRules.check(form.password(), form.passwordRepeat(), result);
        if (result.hasErrors()) {
            return FORM;
        }
        if (!limits.tryAcquire("register", request.getRemoteAddr())) {
            result.reject("rate-limit.exceeded");
            return FORM;
        }
        try {
            registration.register(
                    Objects.requireNonNull(form.email()),
                    Objects.requireNonNull(form.displayName()),
                    Objects.requireNonNull(form.password()),
                    ClientLocale.of(locale));
        } catch (EmailAlreadyRegistered e) {
            result.rejectValue("email", "register.email.taken");
            return FORM;
        }
        redirect.addFlashAttribute("flash", "register.done");
        return "redirect:/login";
    }

    @GetMapping("/register/confirm")
    String confirm(@RequestParam(defaultValue = "") String token, Model model) {
        model.addAttribute("confirmed", !token.isBlank() && registration.confirm(token));
        return CONFIRMED;
    }

    @GetMapping("/register/resend")
    String initResendForm(Model model) {
        model.addAttribute("form", EmailForm.empty());
        return RESEND;
    }

    @PostMapping("/register/resend")
    String processResendForm(
            @Valid @ModelAttribute("form") EmailForm form,
            BindingResult result,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        if (result.hasErrors()) {
            return RESEND;
        }
        if (!limits.tryAcquire("resend", request.getRemoteAddr())) {
            result.reject("rate-limit.exceeded");
            return RESEND;
        }
        registration.resendConfirmation(Objects.requireNonNull(form.email()));
        redirect.addFlashAttribute("flash", "register.resent");
        return "redirect:/login";
    }
}
