package io.backchannel.listening.web;

import io.backchannel.identity.SignedInAccount;
import io.backchannel.listening.internal.Goodwill;
import io.backchannel.listening.internal.Refused;
import io.backchannel.system.CsvWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Goodwill: staff grant it from a conversation (under /workspace); admins set the daily budgets and read every grant,
 * also as CSV (under /admin).
 */
@Controller
class GoodwillController {

    static final String ADMIN = "/admin/inbox/goodwill";
    static final int PAGE = 200;

    private final Goodwill goodwill;

    GoodwillController(Goodwill goodwill) {
        this.goodwill = goodwill;
    }

    @PostMapping("/workspace/inbox/{id}/goodwill")
    String grant(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String kind,
            @RequestParam(defaultValue = "") String amount,
            @RequestParam(defaultValue = "") String vouchers,
            @RequestParam(defaultValue = "") String reason,
            @AuthenticationPrincipal SignedInAccount account,
            RedirectAttributes redirect) {
        try {
            var gift =
                    switch (kind) {
                        case "MONEY" -> Goodwill.Gift.money(money(amount));
                        case "VOUCHER" -> Goodwill.Gift.vouchers(count(vouchers));
                        default -> throw new Refused("listening.goodwill.kind-invalid");
                    };
            goodwill.grant(id, account.id(), gift, reason);
            redirect.addFlashAttribute("flash", "listening.goodwill.granted");
        } catch (Refused e) {
            redirect.addFlashAttribute("flashError", e.key());
            redirect.addFlashAttribute("goodwillReason", reason.length() > Goodwill.REASON_MAX ? "" : reason);
        }
        return "redirect:/workspace/inbox/" + id + "#goodwill";
    }

    @GetMapping(ADMIN)
    String admin(
            @RequestParam(required = false) @Nullable String staff,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            Model model) {
        model.addAttribute("defaultBudget", goodwill.defaultBudget().orElse(null));
        model.addAttribute("budgets", goodwill.ownBudgets());
        model.addAttribute("staff", goodwill.staff());
        model.addAttribute("today", goodwill.today());
        var filter = Filter.of(staff, from, to);
        model.addAttribute("filter", filter);
        model.addAttribute("grants", goodwill.grants(filter.staffId(), filter.from(), filter.to(), PAGE));
        model.addAttribute("page", PAGE);
        return "listening/goodwill";
    }

    @GetMapping(ADMIN + "/grants.csv")
    void export(
            @RequestParam(required = false) @Nullable String staff,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            HttpServletResponse response)
            throws IOException {
        var filter = Filter.of(staff, from, to);
        CsvWriter.prepare(response, "goodwill.csv");
        try (var csv = new CsvWriter(response.getWriter())) {
            csv.row("granted_at", "staff", "conversation", "customer", "currency", "amount", "vouchers", "reason");
            for (var grant : goodwill.grants(filter.staffId(), filter.from(), filter.to(), Integer.MAX_VALUE)) {
                csv.row(
                        grant.grantedAt().toString(),
                        grant.staff(),
                        grant.conversationId().toString(),
                        grant.customer(),
                        grant.currency() == null ? "" : grant.currency(),
                        grant.amount() == null ? "" : grant.amount().toPlainString(),
                        grant.vouchers() == null ? "" : grant.vouchers().toString(),
                        grant.reason());
            }
        }
    }

    /** Sets the default budget (no staff member chosen) or one staff member's. */
    @PostMapping(ADMIN + "/budgets")
    String setBudget(
            @RequestParam(defaultValue = "") String staff,
            @RequestParam(defaultValue = "") String currency,
            @RequestParam(defaultValue = "") String amount,
            @RequestParam(defaultValue = "") String vouchers,
            RedirectAttributes redirect) {
        UUID staffId = InboxFilters.uuid(staff);
        try {
            if (!staff.isBlank() && staffId == null) {
                throw new Refused("listening.goodwill.staff-invalid");
            }
            var budget = new Goodwill.Budget(
                    currency.strip().toUpperCase(Locale.ROOT),
                    amount.isBlank() ? BigDecimal.ZERO : money(amount),
                    vouchers.isBlank() ? 0 : count(vouchers));
            goodwill.setBudget(staffId, budget);
            redirect.addFlashAttribute("flash", "listening.goodwill.budget-saved");
        } catch (Refused e) {
            redirect.addFlashAttribute("flashError", e.key());
        } catch (AccessDeniedException e) {
            redirect.addFlashAttribute("flashError", "listening.goodwill.staff-invalid");
        }
        return "redirect:" + ADMIN;
    }

    @PostMapping(ADMIN + "/budgets/{staffId}/remove")
    String removeBudget(@PathVariable UUID staffId, RedirectAttributes redirect) {
        goodwill.removeBudget(staffId);
        redirect.addFlashAttribute("flash", "listening.goodwill.budget-removed");
        return "redirect:" + ADMIN;
    }

    /** An amount such as 12.50 or 12,50. */
    private static BigDecimal money(String text) {
        String value = text.strip().replace(',', '.');
        if (value.length() > 20) {
            throw new Refused("listening.goodwill.amount-invalid");
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new Refused("listening.goodwill.amount-invalid");
        }
    }

    private static int count(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new Refused("listening.goodwill.vouchers-invalid");
        }
    }

    /** The grants list's filter; a malformed value filters nothing rather than failing. */
    record Filter(@Nullable UUID staffId, @Nullable LocalDate from, @Nullable LocalDate to) {

        static Filter of(@Nullable String staff, @Nullable String from, @Nullable String to) {
            return new Filter(InboxFilters.uuid(staff), date(from), date(to));
        }

        private static @Nullable LocalDate date(@Nullable String value) {
            try {
                return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
            } catch (DateTimeException e) {
                return null;
            }
        }
    }
}
