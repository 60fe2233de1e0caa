package io.backchannel.listening.web;

import io.backchannel.identity.SignedInAccount;
import io.backchannel.listening.internal.BusinessHours;
import io.backchannel.listening.internal.ResponseTargets;
import io.backchannel.listening.internal.Routing;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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

/** A team's response targets and business hours (admins), and the in-app list of warnings and breaches (staff). */
@Controller
class TargetsController {

    static final int YEAR_MINUTES = 525_600;

    /** Keys built from values in the templates, spelt out so that the i18n guard finds them. */
    static final String[] KEYS = {
        "listening.day.1",
        "listening.day.2",
        "listening.day.3",
        "listening.day.4",
        "listening.day.5",
        "listening.day.6",
        "listening.day.7",
        "listening.sla.WARNING",
        "listening.sla.BREACHED"
    };

    private final ResponseTargets targets;
    private final Routing routing;

    TargetsController(ResponseTargets targets, Routing routing) {
        this.targets = targets;
        this.routing = routing;
    }

    @GetMapping("/admin/inbox/teams/{teamId}/targets")
    String edit(@PathVariable UUID teamId, Model model) {
        var form = targets.targets(teamId)
                .map(t -> new TargetsForm(
                        String.valueOf(t.firstResponse()),
                        String.valueOf(t.nextResponse()),
                        String.valueOf(t.resolution()),
                        String.valueOf(t.warn()),
                        t.hours().weekdays().stream()
                                .map(DayOfWeek::getValue)
                                .sorted()
                                .map(String::valueOf)
                                .toList(),
                        t.hours().start().toString(),
                        t.hours().end().toString(),
                        t.hours().zone().getId(),
                        t.hours().holidays().stream()
                                .sorted()
                                .map(LocalDate::toString)
                                .collect(Collectors.joining(", "))))
                .orElse(new TargetsForm(
                        "60", "240", "2880", "30", List.of("1", "2", "3", "4", "5"), "09:00", "17:00", "UTC", ""));
        model.addAttribute("form", form);
        return page(teamId, model);
    }

    @PostMapping("/admin/inbox/teams/{teamId}/targets")
    String save(
            @PathVariable UUID teamId,
            @ModelAttribute("form") TargetsForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        Integer first = minutes(form.firstResponse(), 1, "firstResponse", result);
        Integer next = minutes(form.nextResponse(), 1, "nextResponse", result);
        Integer resolution = minutes(form.resolution(), 1, "resolution", result);
        Integer warn = minutes(form.warn(), 0, "warn", result);
        LocalTime start = time(form.start(), "start", result);
        LocalTime end = time(form.end(), "end", result);
        ZoneId zone = null;
        try {
            zone = ZoneId.of(form.zone() == null ? "" : form.zone().strip());
        } catch (DateTimeException e) {
            result.rejectValue("zone", "listening.targets.zone-invalid");
        }
        Set<LocalDate> holidays = new HashSet<>();
        String list = form.holidays() == null ? "" : form.holidays();
        if (list.length() > 2000) {
            result.rejectValue("holidays", "listening.targets.holidays-invalid");
        } else {
            for (String day : list.split("[,\\s]+")) {
                try {
                    if (!day.isBlank()) {
                        holidays.add(LocalDate.parse(day.strip()));
                    }
                } catch (DateTimeException e) {
                    result.rejectValue("holidays", "listening.targets.holidays-invalid");
                    break;
                }
            }
        }
        Set<DayOfWeek> weekdays = new HashSet<>();
        for (String day : form.weekdays() == null ? List.<String>of() : form.weekdays()) {
            if (day == null || !day.matches("[1-7]")) {
                result.rejectValue("weekdays", "validation.choice");
                break;
            }
            weekdays.add(DayOfWeek.of(Integer.parseInt(day)));
        }
        if (weekdays.isEmpty() && !result.hasFieldErrors("weekdays")) {
            result.rejectValue("weekdays", "validation.choose-one");
        }
        if (start != null && end != null && !end.isAfter(start)) {
            result.rejectValue("end", "listening.targets.end-before-start");
        }
        if (result.hasErrors()
                || first == null
                || next == null
                || resolution == null
                || warn == null
                || start == null
                || end == null
                || zone == null) {
            return page(teamId, model);
        }
        targets.save(
                teamId,
                new ResponseTargets.Targets(
                        first, next, resolution, warn, new BusinessHours(weekdays, start, end, zone, holidays)));
        redirect.addFlashAttribute("flash", "listening.targets.saved");
        return "redirect:/admin/inbox/teams/" + teamId + "/targets";
    }

    @GetMapping("/workspace/inbox/alerts")
    String alerts(@AuthenticationPrincipal SignedInAccount account, Model model) {
        model.addAttribute("alerts", targets.alerts());
        model.addAttribute("teamNames", routing.teamNames());
        return "listening/alerts";
    }

    private String page(UUID teamId, Model model) {
        model.addAttribute("teamName", routing.teamName(teamId));
        model.addAttribute("teamId", teamId);
        model.addAttribute("days", Arrays.asList(DayOfWeek.values()));
        return "listening/targets";
    }

    /** Whole minutes from {@code min} to a year, or null with an error on the field. */
    private static @Nullable Integer minutes(@Nullable String value, int min, String field, BindingResult result) {
        if (value == null || value.isBlank()) {
            result.rejectValue(field, "validation.required");
            return null;
        }
        if (!value.strip().matches("[0-9]{1,7}")
                || Integer.parseInt(value.strip()) < min
                || Integer.parseInt(value.strip()) > YEAR_MINUTES) {
            result.rejectValue(field, "validation.range");
            return null;
        }
        return Integer.parseInt(value.strip());
    }

    private static @Nullable LocalTime time(@Nullable String value, String field, BindingResult result) {
        try {
            return LocalTime.parse(value == null ? "" : value.strip());
        } catch (DateTimeException e) {
            result.rejectValue(field, "listening.targets.time-invalid");
            return null;
        }
    }

    /** Targets in minutes of business time, from one minute to a year; warning from none to a year before. */
    record TargetsForm(
            @Nullable String firstResponse,
            @Nullable String nextResponse,
            @Nullable String resolution,
            @Nullable String warn,
            @Nullable List<String> weekdays,
            @Nullable String start,
            @Nullable String end,
            @Nullable String zone,
            @Nullable String holidays) {}
}
