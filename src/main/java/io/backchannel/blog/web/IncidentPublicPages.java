package io.backchannel.blog.web;

import io.backchannel.system.PublicPages;
import java.util.List;
import org.springframework.stereotype.Component;

/** The incident pages every anonymous visitor sees alike; in a crisis they are the most read pages of the site. */
@Component
class IncidentPublicPages implements PublicPages {

    @Override
    public List<String> cacheable() {
        return List.of("/blog/incidents", "/blog/incidents/{number:\\d+}", "/blog/incidents/{number:\\d+}/feed.atom");
    }
}
