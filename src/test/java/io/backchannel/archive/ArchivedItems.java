package io.backchannel.archive;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Waits for what a module's events bring into the archive, which happens after the change committed. */
final class ArchivedItems {

    record Held(String kind, String author, String text, String url, String platform, String language) {}

    private final JdbcClient jdbc;

    ArchivedItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every version of the item, oldest first, once there are at least {@code versions}. */
    List<Held> await(String sourceId, int versions) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var held = jdbc.sql("select kind, author, text, url, platform, language from archive_item"
                            + " where source_id = ? order by version")
                    .param(sourceId)
                    .query((rs, row) -> new Held(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6)))
                    .list();
            if (held.size() >= versions) {
                return held;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The archive never held " + versions + " versions of " + sourceId);
    }

    Held await(String sourceId) throws InterruptedException {
        return await(sourceId, 1).getLast();
    }
}
