package io.backchannel.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CsvWriterTests {

    @Test
    void quotesSeparatorsQuotesAndLineBreaks() {
        assertThat(CsvWriter.cell("plain")).isEqualTo("plain");
        assertThat(CsvWriter.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvWriter.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvWriter.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void neutralisesSpreadsheetFormulas() {
        assertThat(CsvWriter.cell("=1+2")).isEqualTo("'=1+2");
        assertThat(CsvWriter.cell("+49 30 1234")).isEqualTo("'+49 30 1234");
        assertThat(CsvWriter.cell("-5")).isEqualTo("'-5");
        assertThat(CsvWriter.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvWriter.cell("")).isEmpty();
    }

    @Test
    void writesRowsWithCrLf() throws Exception {
        var out = new StringWriter();
        try (var csv = new CsvWriter(out)) {
            csv.row("email", "name");
            csv.row("kim@example.org", "Kim, K.");
        }
        assertThat(out.toString()).isEqualTo("email,name\r\nkim@example.org,\"Kim, K.\"\r\n");
    }
}
