package io.backchannel.identity.web;

import io.backchannel.identity.EmailAlreadyRegistered;
import io.backchannel.identity.Role;
import io.backchannel.identity.internal.AccountFilter;
import io.backchannel.identity.internal.AccountPrincipal;
import io.backchannel.identity.internal.Administration;
import io.backchannel.identity.web.Forms.RolesForm;
import io.backchannel.identity.web.Forms.StaffForm;
import io.backchannel.system.CsvWriter;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
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

/** Admins list, find, export, create, lock and unlock accounts and give them roles. */
@Controller
class AdminAccountsController {

    static final String LIST = "identity/admin/accounts";
    static final String NEW = "identity/admin/account-new";
    static final String DETAIL = "identity/admin/account";

    private final Administration administration;

    AdminAccountsController(Administration administration) {
        this.administration = administration;
    }

    @GetMapping("/admin/accounts")
    String list(
            @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) @Nullable Role role,
            @RequestParam(required = false) AccountFilter.@Nullable Status status,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        model.addAttribute("q", q);
        model.addAttribute("role", role);
        model.addAttribute("status", status);
        model.addAttribute("roles", Role.values());
        model.addAttribute("statuses", AccountFilter.Status.values());
        model.addAttribute("accounts", administration.accounts(new AccountFilter(q, role, status), page));
        return LIST;
    }

    @GetMapping("/admin/accounts.csv")
    void export(
            @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) @Nullable Role role,
            @RequestParam(required = false) AccountFilter.@Nullable Status status,
            HttpServletResponse response)
            throws IOException {
        CsvWriter.prepare(response, "accounts.csv");
        try (var csv = new CsvWriter(response.getWriter())) {
            csv.row("email", "display_name", "roles", "confirmed", "locked", "created_at");
            administration.eachAccount(
                    new AccountFilter(q, role, status),
                    account -> csv.row(
                            account.email(),
                            account.displayName(),
                            account.roles().stream()
                                    .map(Role::name)
                                    .sorted()
                                    .reduce((a, b) -> a + " " + b)
                                    .orElse(""),
                            String.valueOf(account.verified()),
                            String.valueOf(account.locked()),
                            account.createdAt().toString()));
        }
    }

    @GetMapping("/admin/accounts/new")
    String initCreationForm(Model model) {
        model.addAttribute("form", StaffForm.empty());
        model.addAttribute("roles", Role.values());
        return NEW;
    }

    @PostMapping("/admin/accounts/new")
    String processCreationForm(
            @Valid @ModelAttribute("form") StaffForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        model.addAttribute("roles", Role.values());
        if (result.hasErrors()) {
            return NEW;
        }
        try {
            UUID id = administration.createStaff(
                    Objects.requireNonNull(form.email()),
                    Objects.requireNonNull(form.displayName()),
                    Objects.requireNonNull(form.roles()),
                    Objects.requireNonNull(form.locale()));
            redirect.addFlashAttribute("flash", "admin.accounts.created");
            return "redirect:/admin/accounts/" + id;
        } catch (EmailAlreadyRegistered e) {
            result.rejectValue("email", "register.email.taken");
            return NEW;
        }
    }

    @GetMapping("/admin/accounts/{id}")
    String detail(@PathVariable UUID id, Model model) {
        var account = administration.account(id);
        model.addAttribute("account", account);
        model.addAttribute("form", new RolesForm(account.roles()));
        model.addAttribute("roles", Role.values());
        return DETAIL;
    }

    @PostMapping("/admin/accounts/{id}/roles")
    String changeRoles(
            @PathVariable UUID id,
            @AuthenticationPrincipal AccountPrincipal admin,
            @Valid @ModelAttribute("form") RolesForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        if (result.hasErrors()) {
            model.addAttribute("account", administration.account(id));
            model.addAttribute("roles", Role.values());
            return DETAIL;
        }
        try {
            administration.changeRoles(id, Objects.requireNonNull(form.roles()), admin.id());
            redirect.addFlashAttribute("flash", "admin.accounts.roles-saved");
        } catch (Administration.SelfLockout e) {
            redirect.addFlashAttribute("flashError", "admin.accounts.self-lockout");
        }
        return "redirect:/admin/accounts/" + id;
    }

    @PostMapping("/admin/accounts/{id}/lock")
    String lock(
            @PathVariable UUID id,
            @RequestParam boolean locked,
            @AuthenticationPrincipal AccountPrincipal admin,
            RedirectAttributes redirect) {
        try {
            administration.setLocked(id, locked, admin.id());
            redirect.addFlashAttribute("flash", locked ? "admin.accounts.locked" : "admin.accounts.unlocked");
        } catch (Administration.SelfLockout e) {
            redirect.addFlashAttribute("flashError", "admin.accounts.self-lockout");
        }
        return "redirect:/admin/accounts/" + id;
    }
}
