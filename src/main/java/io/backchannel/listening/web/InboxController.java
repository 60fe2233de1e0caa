package io.backchannel.listening.web;

import io.backchannel.identity.SignedInAccount;
import io.backchannel.listening.internal.ConversationStatus;
import io.backchannel.listening.internal.Inbox;
import io.backchannel.listening.internal.Sentiment;
import io.backchannel.system.CsvWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The inbox list (under /workspace, so staff only), with its filters, keyset pages and CSV export. */
@Controller
class InboxController {

    private final Inbox inbox;
    private final InboxListRows listRows;

    InboxController(Inbox inbox, InboxListRows listRows) {
        this.inbox = inbox;
        this.listRows = listRows;
    }

    @GetMapping("/workspace/inbox")
    String list(
            @ModelAttribute("filters") InboxFilters given,
            @AuthenticationPrincipal SignedInAccount account,
            HttpServletRequest request,
            Locale locale,
            Model model) {
        var myTeams = inbox.teamsOf(account.id());
        var filters = given.withScope(!myTeams.isEmpty());
        model.addAttribute("filters", filters);
        var page = inbox.page(filters.query(account.id(), myTeams));
        model.addAttribute("page", page);
        model.addAttribute("rows", listRows.of(page.items(), request.getContextPath(), locale));
        model.addAttribute("teams", page.teams());
        model.addAttribute("statuses", Arrays.asList(ConversationStatus.values()));
        model.addAttribute("sentiments", Arrays.asList(Sentiment.values()));
        model.addAttribute("scopes", InboxFilters.SCOPES);
        return "listening/inbox";
    }

    @GetMapping("/workspace/inbox/export.csv")
    void export(
            @ModelAttribute InboxFilters given,
            @AuthenticationPrincipal SignedInAccount account,
            HttpServletResponse response)
            throws IOException {
        var myTeams = inbox.teamsOf(account.id());
        var query = given.withScope(!myTeams.isEmpty()).query(account.id(), myTeams);
        CsvWriter.prepare(response, "inbox.csv");
        try (var csv = new CsvWriter(response.getWriter())) {
            csv.row(
                    "id",
                    "channel",
                    "handle",
                    "name",
                    "subject",
                    "status",
                    "team",
                    "assignee",
                    "language",
                    "sentiment",
                    "topics",
                    "created_at",
                    "last_message_at");
            inbox.each(query, row -> {
                var c = row.conversation();
                csv.row(
                        c.id().toString(),
                        c.channel(),
                        c.handle(),
                        c.name(),
                        c.subject(),
                        c.status().name(),
                        row.team() == null ? "" : row.team(),
                        row.assignee() == null ? "" : row.assignee(),
                        c.language(),
                        c.sentiment().name(),
                        String.join(" ", c.topics()),
                        c.createdAt().toString(),
                        c.lastMessageAt().toString());
            });
        }
    }
}
