package io.backchannel.blog.web;

import io.backchannel.blog.internal.OpenIncidents;
import io.backchannel.system.PageVersions;
import org.springframework.stereotype.Component;

/** The incident banner is on every public page: pages kept for long are kept only while the open incidents are alike. */
@Component
class IncidentBannerVersion implements PageVersions {

    private final OpenIncidents incidents;

    IncidentBannerVersion(OpenIncidents incidents) {
        this.incidents = incidents;
    }

    @Override
    public Object version(String path) {
        return incidents.current();
    }

    @Override
    public boolean onEveryPage() {
        return true;
    }
}
