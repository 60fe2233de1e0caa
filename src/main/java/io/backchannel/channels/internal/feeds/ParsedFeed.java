package io.backchannel.channels.internal.feeds;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A feed as read: {@code format} e.g. {@code rss_2.0}, {@code atom_1.0}, {@code json}. */
public record ParsedFeed(
        String format, @Nullable String title, @Nullable String link, @Nullable String language, List<Entry> entries) {

    /**
     * One entry: {@code text} is what people read (title and summary or content, markup removed); {@code key} the
     * stable id to hold it once by (the entry's id, else its link, else its title).
     */
    public record Entry(
            @Nullable String id,
            @Nullable String link,
            @Nullable String title,
            String text,
            @Nullable String author,
            @Nullable Instant published) {

        public @Nullable String key() {
            if (id != null && !id.isBlank()) {
                return id.strip();
            }
            if (link != null && !link.isBlank()) {
                return link.strip();
            }
            return title == null || title.isBlank() ? null : "title:" + title.strip();
        }
    }
}
