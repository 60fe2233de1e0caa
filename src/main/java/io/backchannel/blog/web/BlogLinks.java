package io.backchannel.blog.web;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** Absolute addresses of the blog's pages, under {@code backchannel.base-url}, for canonical links, feeds and maps. */
@Component
class BlogLinks {

    private final String baseUrl;

    BlogLinks(@Value("${backchannel.base-url}") String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    String post(String language, String slug) {
        return UriComponentsBuilder.fromUriString(baseUrl)
                .pathSegment("blog", language, slug)
                .encode()
                .toUriString();
    }

    /** A path of this site such as {@code /blog}, with an optional query that is already encoded. */
    String page(String path, @Nullable String query) {
        return baseUrl + path + (query == null || query.isEmpty() ? "" : "?" + query);
    }
}
