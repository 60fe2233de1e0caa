package io.backchannel.ideas.internal;

import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The site's time zone ({@code backchannel.time-zone}, else the system's): for date fields and calendar months. */
@Component
public class SiteZone {

    private final ZoneId zone;

    SiteZone(@Value("${backchannel.time-zone:}") String zone) {
        this.zone = zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
    }

    public ZoneId zone() {
        return zone;
    }
}
