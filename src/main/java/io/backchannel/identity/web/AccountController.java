package io.backchannel.identity.web;

import io.backchannel.identity.internal.AccountPrincipal;
import io.backchannel.identity.internal.Profiles;
import io.backchannel.identity.web.Forms.ProfileForm;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.Locale;
import java.util.Objects;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The customer portal: one's own account, name and interface language. */
@Controller
class AccountController {

    static final String VIEW = "identity/account";

    private final Profiles profiles;
    private final LocaleResolver locales;
    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    AccountController(Profiles profiles, LocaleResolver locales) {
        this.profiles = profiles;
        this.locales = locales;
    }

    @GetMapping("/account")
    String initProfileForm(@AuthenticationPrincipal AccountPrincipal principal, Model model) {
        var account = profiles.account(principal.id());
        model.addAttribute("form", new ProfileForm(account.displayName(), account.locale()));
        return show(principal, model);
    }

    @PostMapping("/account")
    String processProfileForm(
            @AuthenticationPrincipal AccountPrincipal principal,
            @Valid @ModelAttribute("form") ProfileForm form,
            BindingResult result,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        if (result.hasErrors()) {
            return show(principal, model);
        }
        String locale = Objects.requireNonNull(form.locale());
        String name = Objects.requireNonNull(form.displayName());
        profiles.update(principal.id(), name, locale);
        locales.setLocale(request, response, Locale.forLanguageTag(locale));
        refreshLogin(principal.withDisplayName(name.strip()), request, response);
        redirect.addFlashAttribute("flash", "account.saved");
        return "redirect:/account";
    }

    /** The session keeps the principal from login; replace it so that pages greet the person by the new name. */
    private void refreshLogin(AccountPrincipal principal, HttpServletRequest request, HttpServletResponse response) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
    }

    private String show(AccountPrincipal principal, Model model) {
        var account = profiles.account(principal.id());
        model.addAttribute("account", new AccountView(account.email(), account.createdAt(), account.staff()));
        return VIEW;
    }

    record AccountView(String email, java.time.Instant memberSince, boolean staff) {}
}
