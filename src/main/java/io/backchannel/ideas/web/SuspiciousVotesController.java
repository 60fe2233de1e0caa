package io.backchannel.ideas.web;

import io.backchannel.ideas.internal.SuspiciousVotes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The staff report of vote bursts that may be manipulation (under /workspace, so staff only). */
@Controller
class SuspiciousVotesController {

    static final String VIEW = "ideas/suspicious-votes";

    private final SuspiciousVotes suspicious;

    SuspiciousVotesController(SuspiciousVotes suspicious) {
        this.suspicious = suspicious;
    }

    @GetMapping("/workspace/ideas/suspicious-votes")
    String report(Model model) {
        var settings = suspicious.settings();
        model.addAttribute("bursts", suspicious.report());
        model.addAttribute("minVotes", settings.minVotes());
        model.addAttribute("windowMinutes", settings.window().toMinutes());
        model.addAttribute("newAccountDays", settings.newAccountAge().toDays());
        model.addAttribute("lookbackDays", settings.lookback().toDays());
        return VIEW;
    }
}
