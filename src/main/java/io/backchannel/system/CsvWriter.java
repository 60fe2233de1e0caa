package io.backchannel.system;

import jakarta.servlet.http.HttpServletResponse;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes CSV (RFC 4180) for list exports, row by row. Cells that a spreadsheet would run as a formula are prefixed
 * with an apostrophe, so that an export of customer-written text cannot carry a formula into someone's spreadsheet.
 */
public final class CsvWriter implements Closeable {

    private final Writer out;

    public CsvWriter(Writer out) {
        this.out = out;
    }

    public static void prepare(HttpServletResponse response, String filename) {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    }

    public void row(String... cells) {
        try {
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(cell(cells[i]));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
