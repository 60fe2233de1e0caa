package io.backchannel.listening.web;

import io.backchannel.identity.SignedInAccount;
import io.backchannel.listening.internal.SpikeAlerts;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Spike alerts for staff (under /workspace): the list with acknowledging, and the badge the navigation polls. */
@Controller
class SpikesController {

    private final SpikeAlerts alerts;

    SpikesController(SpikeAlerts alerts) {
        this.alerts = alerts;
    }

    @GetMapping("/workspace/alerts")
    String list(Model model) {
        model.addAttribute("alerts", alerts.latest());
        return "listening/spikes/alerts";
    }

    @GetMapping("/workspace/alerts/badge")
    String badge() {
        return "listening/spikes/badge :: badge";
    }

    @PostMapping("/workspace/alerts/{id}/acknowledge")
    String acknowledge(
            @PathVariable UUID id, @AuthenticationPrincipal SignedInAccount account, RedirectAttributes redirect) {
        redirect.addFlashAttribute(
                "flash",
                alerts.acknowledge(id, account.id())
                        ? "listening.spike.acknowledged"
                        : "listening.spike.acknowledged-before");
        return "redirect:/workspace/alerts";
    }
}
