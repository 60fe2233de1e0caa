package io.backchannel.archive.internal;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;

/**
 * Inserts many rows with PostgreSQL's {@code COPY ... FROM STDIN} on the connection of the transaction under way: the
 * server takes them as one stream of text lines, without the parsing and casting of an insert over arrays, which was
 * a large part of a batch's time in the database.
 */
final class CopyRows<T> {

    private final String table;
    private final List<String> columns;
    private final List<Function<T, @Nullable Object>> values;

    private CopyRows(String table, List<String> columns, List<Function<T, @Nullable Object>> values) {
        this.table = table;
        this.columns = columns;
        this.values = values;
    }

    static <T> Builder<T> into(String table) {
        return new Builder<>(table);
    }

    static final class Builder<T> {

        private final String table;
        private final List<String> columns = new java.util.ArrayList<>();
        private final List<Function<T, @Nullable Object>> values = new java.util.ArrayList<>();

        private Builder(String table) {
            this.table = table;
        }

        Builder<T> column(String name, Function<T, @Nullable Object> value) {
            columns.add(name);
            values.add(value);
            return this;
        }

        CopyRows<T> build() {
            return new CopyRows<>(table, List.copyOf(columns), List.copyOf(values));
        }
    }

    /** Copies the rows in; must run inside a transaction bound to {@code data}, whose connection it uses. */
    void copy(DataSource data, List<T> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 256);
        for (T row : rows) {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    text.append('\t');
                }
                append(text, values.get(i).apply(row));
            }
            text.append('\n');
        }
        String sql = "copy " + table + " (" + String.join(", ", columns) + ") from stdin";
        Connection connection = DataSourceUtils.getConnection(data);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(text.toString()));
        } catch (SQLException e) {
            throw new SQLErrorCodeSQLExceptionTranslator(data).translate("copy into " + table, sql, e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, data);
        }
    }

    /** A value in COPY's text format: {@code \N} for null, backslash escapes for the characters that delimit. */
    private static void append(StringBuilder text, @Nullable Object value) {
        if (value == null) {
            text.append("\\N");
            return;
        }
        String string = value.toString();
        int first = firstSpecial(string);
        if (first < 0) {
            text.append(string);
            return;
        }
        text.append(string, 0, first);
        for (int i = first; i < string.length(); i++) {
            char c = string.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }

    private static int firstSpecial(String string) {
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return i;
            }
        }
        return -1;
    }
}
