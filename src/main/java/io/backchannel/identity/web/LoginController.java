package io.backchannel.identity.web;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

    static final String VIEW = "identity/login";

    /** Shows the login form; {@code error} names why the last attempt failed, as set by the login handlers. */
    @GetMapping("/login")
    String login(@RequestParam(required = false) @Nullable String error, Model model) {
        if (error != null) {
            String reason = error.matches("locked|unconfirmed|throttled|ended") ? error : "credentials";
            model.addAttribute("errorKey", "login.error." + reason);
        }
        return VIEW;
    }
}
