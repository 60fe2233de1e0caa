package io.backchannel.system;

/** Helpers for text in SQL queries. */
public final class SqlText {

    private SqlText() {}

    /** A {@code LIKE}/{@code ILIKE} pattern that finds the text anywhere, with its wildcards taken literally. */
    public static String containing(String text) {
        return '%' + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + '%';
    }
}
