package io.backchannel.system;

import org.jspecify.annotations.Nullable;

/**
 * Tells the public page cache which version of its content a page shows, so that the rendering for anonymous visitors
 * can be kept as long as that content is unchanged (up to {@code backchannel.web.versioned-page-ttl}) instead of for
 * the micro-cache's moment. Asked on every anonymous request for a cacheable page, so answers come from memory.
 */
public interface PageVersions {

    /**
     * The version of what this module shows on the page at this path (within the application), compared with
     * {@code equals}; {@code null} when the module shows nothing of its own there or cannot tell.
     */
    @Nullable
    Object version(String path);

    /**
     * True for what the layout shows on every page, such as the incident banner: part of every kept page's version,
     * but it makes no page versioned by itself.
     */
    default boolean onEveryPage() {
        return false;
    }

    /** A write on this node has committed: the next answer must include it. */
    default void written() {}
}
