package io.backchannel.system;

import java.util.List;

/**
 * A module's public pages that look the same to every anonymous visitor, so that their rendering can be reused for a
 * short while (see {@code backchannel.web.public-page-cache-ttl}). Signed-in visitors, visitors with a session and
 * partial (htmx) requests always get a fresh page, and every write on this node starts the reuse afresh.
 */
public interface PublicPages {

    /** Path patterns such as {@code /ideas/{number}}, in the syntax of Spring's {@code PathPattern}. */
    List<String> cacheable();
}
