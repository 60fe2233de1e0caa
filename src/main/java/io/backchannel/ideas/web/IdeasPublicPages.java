package io.backchannel.ideas.web;

import io.backchannel.system.PublicPages;
import java.util.List;
import org.springframework.stereotype.Component;

/** The portal's pages that every anonymous visitor sees alike: the lists, ideas, feeds, sessions and profiles. */
@Component
class IdeasPublicPages implements PublicPages {

    @Override
    public List<String> cacheable() {
        return List.of(
                "/ideas",
                "/ideas/{number:\\d+}",
                "/ideas/{number:\\d+}/feed.atom",
                "/ideas/feed.atom",
                "/ideas/in-action",
                "/ideas/storms",
                "/ideas/storms/{slug}",
                "/ideas/people/{id}");
    }
}
