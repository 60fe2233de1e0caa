package io.backchannel.system.web;

import io.backchannel.system.NotFoundException;
import io.backchannel.system.internal.MailOutboxView;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The mail outbox: every e-mail the application sent or holds, for admins. */
@Controller
class MailOutboxController {

    static final String LIST = "system/mail-list";
    static final String DETAIL = "system/mail-detail";

    private final MailOutboxView outbox;

    MailOutboxController(MailOutboxView outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/admin/mail")
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("mails", outbox.page(q.strip(), page));
        return LIST;
    }

    @GetMapping("/admin/mail/{id}")
    String detail(@PathVariable UUID id, Model model) {
        model.addAttribute("mail", outbox.detail(id).orElseThrow(() -> new NotFoundException("mail " + id)));
        return DETAIL;
    }
}
