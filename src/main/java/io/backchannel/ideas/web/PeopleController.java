package io.backchannel.ideas.web;

import io.backchannel.ideas.internal.Badges;
import io.backchannel.ideas.internal.IdeaFinder;
import io.backchannel.ideas.internal.IdeaQuery;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.NotFoundException;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Public profiles on the portal: a person's display name, the badges they earned and their ideas. */
@Controller
class PeopleController {

    static final String PROFILE = "ideas/person";

    private final IdentityManagement identity;
    private final Badges badges;
    private final IdeaFinder finder;

    PeopleController(IdentityManagement identity, Badges badges, IdeaFinder finder) {
        this.identity = identity;
        this.badges = badges;
        this.finder = finder;
    }

    /** One's own profile, for links on pages that do not know the viewer's ID. */
    @GetMapping("/ideas/people/me")
    String mine(@AuthenticationPrincipal SignedInAccount account) {
        return "redirect:/ideas/people/" + account.id();
    }

    @GetMapping("/ideas/people/{id}")
    String profile(@PathVariable UUID id, @RequestParam(defaultValue = "1") int page, Model model) {
        String name = identity.displayNames(Set.of(id)).get(id);
        if (name == null) {
            throw new NotFoundException("person " + id);
        }
        model.addAttribute("personId", id);
        model.addAttribute("name", name);
        model.addAttribute("badges", badges.of(id));
        model.addAttribute("helpfulComments", badges.helpfulComments());
        model.addAttribute("ideas", finder.page(new IdeaQuery(IdeaQuery.Sort.NEW, null, null, "", id, null), page));
        return PROFILE;
    }
}
