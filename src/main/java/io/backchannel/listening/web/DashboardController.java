package io.backchannel.listening.web;

import io.backchannel.listening.internal.Dashboard;
import io.backchannel.listening.internal.Routing;
import io.backchannel.system.CsvWriter;
import io.backchannel.system.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The live dashboard (under /workspace, so staff only): the page with its filters, the panels it refreshes every 30
 * seconds with htmx, and a CSV export of each panel.
 */
@Controller
class DashboardController {

    static final List<String> PANELS =
            List.of("volume", "sentiment", "languages", "share-of-voice", "response-times", "targets");

    private final Dashboard dashboard;
    private final Routing routing;

    DashboardController(Dashboard dashboard, Routing routing) {
        this.dashboard = dashboard;
        this.routing = routing;
    }

    @GetMapping("/workspace/dashboard")
    String page(@ModelAttribute("filters") DashboardFilters given, Model model) {
        panels(given, model);
        model.addAttribute("teams", routing.teams());
        model.addAttribute("periods", DashboardFilters.PERIODS);
        return "listening/dashboard";
    }

    @GetMapping("/workspace/dashboard/panels")
    String refresh(@ModelAttribute("filters") DashboardFilters given, Model model) {
        panels(given, model);
        return "listening/dashboard :: panels";
    }

    @GetMapping("/workspace/dashboard/{panel}.csv")
    void export(@PathVariable String panel, @ModelAttribute DashboardFilters given, HttpServletResponse response)
            throws IOException {
        if (!PANELS.contains(panel)) {
            throw new NotFoundException("dashboard panel " + panel);
        }
        var filter = given.resolve(dashboard.zone(), Instant.now()).filter();
        CsvWriter.prepare(response, "dashboard-" + panel + ".csv");
        try (var csv = new CsvWriter(response.getWriter())) {
            switch (panel) {
                case "volume" -> {
                    csv.row(filter.hourly() ? "hour" : "day", "conversations");
                    dashboard.volume(filter).forEach(b -> csv.row(b.start().toString(), String.valueOf(b.count())));
                }
                case "sentiment" -> shares(csv, "sentiment", dashboard.sentiment(filter));
                case "languages" -> shares(csv, "language", dashboard.languages(filter));
                case "share-of-voice" -> {
                    csv.row("query", "kind", "posts", "percent");
                    dashboard
                            .shareOfVoice(filter)
                            .forEach(v -> csv.row(
                                    v.name(), v.kind().name(), String.valueOf(v.count()), percent(v.percent())));
                }
                case "response-times" -> {
                    var times = dashboard.responseTimes(filter);
                    csv.row("answered", "median_minutes", "p90_minutes");
                    csv.row(
                            String.valueOf(times.answered()),
                            minutes(times.medianMinutes()),
                            minutes(times.p90Minutes()));
                }
                default -> {
                    var times = dashboard.responseTimes(filter);
                    csv.row("target", "met", "decided", "percent");
                    target(csv, "first_response", times.firstResponse());
                    target(csv, "resolution", times.resolution());
                }
            }
        }
    }

    private void panels(DashboardFilters given, Model model) {
        var resolved = given.resolve(dashboard.zone(), Instant.now());
        model.addAttribute("filters", resolved.shown());
        model.addAttribute("query", resolved.shown().query());
        model.addAttribute("problem", resolved.problem());
        model.addAttribute("figures", dashboard.figures(resolved.filter()));
        model.addAttribute("hourly", resolved.filter().hourly());
        model.addAttribute("panels", PANELS);
    }

    private static void shares(CsvWriter csv, String what, List<Dashboard.Share> shares) {
        csv.row(what, "conversations", "percent");
        shares.forEach(s -> csv.row(s.key(), String.valueOf(s.count()), percent(s.percent())));
    }

    private static void target(CsvWriter csv, String name, Dashboard.Target target) {
        csv.row(name, String.valueOf(target.met()), String.valueOf(target.decided()), percent(target.percent()));
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String minutes(@Nullable Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.1f", value);
    }
}
