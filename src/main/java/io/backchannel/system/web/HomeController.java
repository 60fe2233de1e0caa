package io.backchannel.system.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The public start page. */
@Controller
class HomeController {

    static final String VIEW = "system/home";

    @GetMapping("/")
    String home() {
        return VIEW;
    }
}
