package io.backchannel.channels.web;

import io.backchannel.channels.internal.ManualEntries;
import io.backchannel.identity.SignedInAccount;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff type in a post that reached them by phone, letter or at the counter, so the inbox hears it like any other. */
@Controller
class ManualEntryController {

    static final String FORM = "channels/manual";

    private final ManualEntries entries;
    private final ZoneId zone;

    ManualEntryController(ManualEntries entries, @Value("${backchannel.time-zone:}") String zone) {
        this.entries = entries;
        this.zone = zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
    }

    @GetMapping("/workspace/channels/manual")
    String initForm(@ModelAttribute("form") ManualForm form) {
        return FORM;
    }

    @PostMapping("/workspace/channels/manual")
    String processForm(
            @Valid @ModelAttribute("form") ManualForm form,
            BindingResult result,
            @AuthenticationPrincipal SignedInAccount account,
            RedirectAttributes redirect) {
        Instant saidAt = result.hasFieldErrors("saidAt") ? null : saidAt(Objects.requireNonNull(form.saidAt()));
        if (saidAt == null && !result.hasFieldErrors("saidAt")) {
            result.rejectValue("saidAt", "channels.manual.date-invalid");
        } else if (saidAt != null && saidAt.isAfter(Instant.now().plus(5, ChronoUnit.MINUTES))) {
            result.rejectValue("saidAt", "channels.manual.date-future");
        }
        if (result.hasErrors()) {
            return FORM;
        }
        entries.record(
                Objects.requireNonNull(form.label()).strip(),
                Objects.requireNonNull(form.author()).strip(),
                Objects.requireNonNull(form.text()).strip().replace("\u0000", ""),
                Objects.requireNonNull(saidAt),
                account.displayName());
        redirect.addFlashAttribute("flash", "channels.manual.recorded");
        return "redirect:/workspace/channels/manual";
    }

    private @Nullable Instant saidAt(String value) {
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    record ManualForm(
            @NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.too-long}") @Nullable
                    String label,
            @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.too-long}") @Nullable
                    String author,
            @NotBlank(message = "{validation.required}") @Size(max = 10000, message = "{validation.too-long}") @Nullable
                    String text,
            @NotBlank(message = "{validation.required}") @Nullable String saidAt) {}
}
