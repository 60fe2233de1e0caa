package io.backchannel.blog.web;

import io.backchannel.blog.internal.BlogEditor;
import io.backchannel.blog.internal.BlogPosts;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The editor's form. {@code version} and {@code revision} are what the author started from: the first to notice a save
 * by someone else in between, the second to show them what it changed.
 */
record PostForm(
        @Nullable String title,
        @Nullable String slug,
        @Nullable String language,
        @Nullable String category,
        @Nullable String tags,
        @Nullable String summary,
        @Nullable String body,
        @Nullable String publishAt,
        @Nullable Integer version,
        @Nullable Integer revision,
        @Nullable Boolean upToDate) {

    static PostForm empty(String language) {
        return new PostForm("", "", language, "news", "", "", "", "", null, null, null);
    }

    static PostForm of(BlogPosts.Post post, ZoneId zone) {
        var content = post.content();
        String publishAt = post.publishAt() == null || post.state() != BlogPosts.State.SCHEDULED
                ? ""
                : LocalDateTime.ofInstant(post.publishAt(), zone)
                        .truncatedTo(ChronoUnit.MINUTES)
                        .toString();
        return new PostForm(
                content.title(),
                content.slug(),
                content.language(),
                post.categorySlug(),
                post.tags(),
                content.summary(),
                content.body(),
                publishAt,
                post.version(),
                post.revision(),
                null);
    }

    BlogEditor.Draft draft(@Nullable Instant at) {
        return new BlogEditor.Draft(
                text(language), text(slug), text(title), text(summary), text(body), text(category), text(tags), at);
    }

    /** The same text, to save over the newer version that {@code current} names. */
    PostForm over(int currentVersion, int currentRevision) {
        return new PostForm(
                title,
                slug,
                language,
                category,
                tags,
                summary,
                body,
                publishAt,
                currentVersion,
                currentRevision,
                upToDate);
    }

    boolean broughtUpToDate() {
        return Boolean.TRUE.equals(upToDate);
    }

    private static String text(@Nullable String value) {
        return Objects.requireNonNullElse(value, "");
    }
}
