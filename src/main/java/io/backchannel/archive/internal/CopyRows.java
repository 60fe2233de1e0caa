package io.backchannel.archive.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;

/**
 * Inserts many rows with PostgreSQL's {@code COPY ... FROM STDIN} on the connection of the transaction under way: the
 * server takes them as one stream, without the parsing and casting of an insert over arrays. In the binary format,
 * so that neither side turns numbers, ids and times into text and back, nor escapes the texts.
 */
final class CopyRows<T> {

    /** The column types the archive copies, each with its binary form. */
    private enum Type {
        TEXT,
        UUID,
        INT4,
        INT8,
        TIMESTAMPTZ
    }

    private record Column<T>(String name, Type type, Function<T, @Nullable Object> value) {}

    /**
     * Rows are handed to the server in pieces of about this many bytes: it inserts the first rows while the next are
     * encoded, and a batch of long texts is never whole in memory.
     */
    private static final int CHUNK = 32 * 1024;

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private final String sql;
    private final List<Column<T>> columns;

    private CopyRows(String table, List<Column<T>> columns) {
        this.sql = "copy " + table + " ("
                + String.join(", ", columns.stream().map(Column::name).toList()) + ") from stdin (format binary)";
        this.columns = columns;
    }

    static <T> Builder<T> into(String table) {
        return new Builder<>(table);
    }

    static final class Builder<T> {

        private final String table;
        private final List<Column<T>> columns = new java.util.ArrayList<>();

        private Builder(String table) {
            this.table = table;
        }

        Builder<T> text(String name, Function<T, @Nullable String> value) {
            return column(name, Type.TEXT, value::apply);
        }

        Builder<T> uuid(String name, Function<T, UUID> value) {
            return column(name, Type.UUID, value::apply);
        }

        Builder<T> int4(String name, Function<T, Integer> value) {
            return column(name, Type.INT4, value::apply);
        }

        Builder<T> int8(String name, Function<T, Long> value) {
            return column(name, Type.INT8, value::apply);
        }

        Builder<T> timestamp(String name, Function<T, Instant> value) {
            return column(name, Type.TIMESTAMPTZ, value::apply);
        }

        private Builder<T> column(String name, Type type, Function<T, @Nullable Object> value) {
            columns.add(new Column<>(name, type, value));
            return this;
        }

        CopyRows<T> build() {
            return new CopyRows<>(table, List.copyOf(columns));
        }
    }

    /** Copies the rows in; must run inside a transaction bound to {@code data}, whose connection it uses. */
    void copy(DataSource data, List<T> rows) {
        Connection connection = DataSourceUtils.getConnection(data);
        try {
            CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            try {
                Out out = new Out(Math.min(CHUNK, 64 + rows.size() * 512));
                out.bytes(SIGNATURE);
                out.int32(0);
                out.int32(0);
                for (T row : rows) {
                    out.int16(columns.size());
                    for (Column<T> column : columns) {
                        write(out, column.type(), column.value().apply(row));
                    }
                    if (out.size() >= CHUNK) {
                        in.writeToCopy(out.buffer(), 0, out.size());
                        out.reset();
                    }
                }
                out.int16(-1);
                in.writeToCopy(out.buffer(), 0, out.size());
                in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new SQLErrorCodeSQLExceptionTranslator(data).translate("copy", sql, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, data);
        }
    }

    private static void write(Out out, Type type, @Nullable Object value) {
        if (value == null) {
            out.int32(-1);
            return;
        }
        switch (type) {
            case TEXT -> {
                byte[] bytes = value.toString().getBytes(StandardCharsets.UTF_8);
                out.int32(bytes.length);
                out.bytes(bytes);
            }
            case UUID -> {
                UUID id = (UUID) value;
                out.int32(16);
                out.int64(id.getMostSignificantBits());
                out.int64(id.getLeastSignificantBits());
            }
            case INT4 -> {
                out.int32(4);
                out.int32(((Number) value).intValue());
            }
            case INT8 -> {
                out.int32(8);
                out.int64(((Number) value).longValue());
            }
            case TIMESTAMPTZ -> {
                out.int32(8);
                out.int64(micros((Instant) value));
            }
        }
    }

    /** 2000-01-01T00:00:00Z, where PostgreSQL counts its times from. */
    private static final long POSTGRES_EPOCH = 946_684_800L;

    /**
     * Microseconds since PostgreSQL's epoch, rounded as PostgreSQL rounds the text {@link Instant#toString} gives
     * (nanoseconds parsed as a double, then {@code rint}), so that a row holds what it held when copied as text.
     */
    static long micros(Instant instant) {
        long micros = instant.getNano() / 1000;
        if (instant.getNano() % 1000 != 0) {
            micros = (long) Math.rint(Double.parseDouble("0." + "%09d".formatted(instant.getNano())) * 1e6);
        }
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond() - POSTGRES_EPOCH, 1_000_000L), micros);
    }

    /** A growing buffer of big-endian values. */
    private static final class Out {

        private byte[] buffer;
        private int size;

        Out(int capacity) {
            buffer = new byte[capacity];
        }

        byte[] buffer() {
            return buffer;
        }

        int size() {
            return size;
        }

        void reset() {
            size = 0;
        }

        private void room(int bytes) {
            if (size + bytes > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + bytes));
            }
        }

        void bytes(byte[] bytes) {
            room(bytes.length);
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
        }

        void int16(int value) {
            room(2);
            buffer[size++] = (byte) (value >> 8);
            buffer[size++] = (byte) value;
        }

        void int32(int value) {
            room(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (value >> shift);
            }
        }

        void int64(long value) {
            room(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (value >> shift);
            }
        }
    }
}
