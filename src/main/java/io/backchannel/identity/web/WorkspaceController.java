package io.backchannel.identity.web;

import io.backchannel.identity.internal.AccountPrincipal;
import io.backchannel.identity.internal.Profiles;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The staff workspace's start: who I am and which teams I work in. */
@Controller
class WorkspaceController {

    static final String VIEW = "identity/workspace";

    private final Profiles profiles;

    WorkspaceController(Profiles profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/workspace")
    String workspace(@AuthenticationPrincipal AccountPrincipal principal, Model model) {
        model.addAttribute("teams", profiles.teams(principal.id()));
        return VIEW;
    }
}
