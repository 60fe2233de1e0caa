package io.backchannel.channels.internal.imports;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads CSV one row at a time (RFC 4180: quoted fields may hold commas, line breaks and {@code ""}), also taking
 * LinkedIn's backslash-escaped quotes {@code \"} inside quoted fields, and skipping a byte order mark at the start. A
 * malformed row is skipped to its end and reported with its line, so that the rows after it are still read.
 */
final class CsvRows {

    /** One row: the line it starts on, its fields, and its text as written in the file. */
    record Row(long line, List<String> fields, String raw) {}

    /** A row that is not valid CSV; {@code reasonKey} is the message key of the import report. */
    static final class MalformedRow extends Exception {

        private final long line;
        private final String reasonKey;

        MalformedRow(long line, String reasonKey) {
            super(reasonKey + " on line " + line);
            this.line = line;
            this.reasonKey = reasonKey;
        }

        long line() {
            return line;
        }

        String reasonKey() {
            return reasonKey;
        }
    }

    /** The longest row kept, in characters; a longer one is read to its end and reported. */
    static final int MAX_ROW = 1_000_000;

    static final int MAX_FIELDS = 1_000;

    private static final int EOF = -1;
    private static final int NONE = -2;

    private final Reader in;
    private final StringBuilder raw = new StringBuilder();
    private long line = 1;
    private boolean started;
    private int pending = NONE;

    CsvRows(Reader in) {
        this.in = in;
    }

    /** The next row, or {@code null} at the end of the input; blank lines are skipped. */
    @Nullable
    Row next() throws IOException, MalformedRow {
        int c = read();
        while (c == '\n' || c == '\r') {
            c = read();
        }
        if (c == EOF) {
            return null;
        }
        raw.setLength(0);
        raw.append((char) c);
        long start = line;
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        while (true) {
            field.setLength(0);
            if (c == '"') {
                c = quoted(field, start);
                if (!ends(c)) {
                    skipLine(c);
                    throw new MalformedRow(start, "channels.import.csv.after-quote");
                }
            } else {
                while (!ends(c)) {
                    if (c == '"') {
                        skipLine(c);
                        throw new MalformedRow(start, "channels.import.csv.stray-quote");
                    }
                    append(field, c);
                    c = read();
                }
            }
            if (fields.size() <= MAX_FIELDS) {
                fields.add(field.toString());
            }
            if (c != ',') {
                break;
            }
            c = read();
        }
        String text = withoutLineEnd(raw);
        if (c == '\r') {
            int next = read();
            if (next != '\n') {
                pending = next;
            }
        }
        if (raw.length() > MAX_ROW || fields.size() > MAX_FIELDS) {
            throw new MalformedRow(start, "channels.import.csv.too-long");
        }
        return new Row(start, List.copyOf(fields), text);
    }

    private static boolean ends(int c) {
        return c == ',' || c == '\n' || c == '\r' || c == EOF;
    }

    private static String withoutLineEnd(StringBuilder raw) {
        int end = raw.length();
        if (end > 0 && raw.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > 0 && raw.charAt(end - 1) == '\r') {
            end--;
        }
        return raw.substring(0, end);
    }

    /** Reads a quoted field after its opening quote; answers the character after the closing quote. */
    private int quoted(StringBuilder field, long start) throws IOException, MalformedRow {
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new MalformedRow(start, "channels.import.csv.unclosed-quote");
            }
            if (c == '\\') {
                int next = read();
                if (next == '"') {
                    append(field, '"');
                    continue;
                }
                append(field, c);
                pending = next;
                continue;
            }
            if (c == '"') {
                int next = read();
                if (next != '"') {
                    return next;
                }
            }
            append(field, c);
        }
    }

    /** Keeps no more of an overlong row than is needed to know it is too long. */
    private void append(StringBuilder field, int c) {
        if (raw.length() <= MAX_ROW) {
            field.append((char) c);
        }
    }

    private void skipLine(int c) throws IOException {
        while (c != '\n' && c != EOF) {
            c = read();
        }
    }

    /** The next character; a byte order mark at the very start is skipped, every other one counted and kept. */
    private int read() throws IOException {
        if (pending != NONE) {
            int c = pending;
            pending = NONE;
            return c;
        }
        int c = in.read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = in.read();
            }
        }
        if (c == '\n') {
            line++;
        }
        if (c != EOF && raw.length() <= MAX_ROW) {
            raw.append((char) c);
        }
        return c;
    }
}
