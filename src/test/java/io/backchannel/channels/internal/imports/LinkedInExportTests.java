package io.backchannel.channels.internal.imports;

import static io.backchannel.channels.internal.imports.CollectingSink.read;
import static io.backchannel.channels.internal.imports.CollectingSink.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureKind;
import io.backchannel.identity.NaughtyStringsTests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkedInExportTests {

    private static final String HEADER = "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\r\n";

    private final LinkedInExport format = new LinkedInExport();

    @Test
    void readsSharesWithMultiLineTextAndBothKindsOfEscapedQuotes() throws IOException {
        var sink = read(
                format,
                "Shares.csv",
                utf8("\uFEFF" + HEADER
                        + "2024-03-01 09:15:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A1,\"We said \"\"hello\"\",\n"
                        + "and then \\\"goodbye\\\".\n\nThird line, with a comma.\",https://example.com/post,,MEMBER_NETWORK\r\n"
                        + "2024-03-02 10:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A2,Plain text,,"
                        + "https://media.licdn.com/image.jpg,CONNECTIONS\r\n"));

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.texts())
                .containsExactly(
                        "We said \"hello\",\nand then \"goodbye\".\n\nThird line, with a comma.\nhttps://example.com/post",
                        "Plain text\nhttps://media.licdn.com/image.jpg");
        Capture first = sink.captures.getFirst();
        assertThat(first.platform()).isEqualTo("linkedin");
        assertThat(first.kind()).isEqualTo(CaptureKind.OWN_POST);
        assertThat(first.sourceId()).isEqualTo("https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A1");
        assertThat(first.url()).isEqualTo(first.sourceId());
        assertThat(first.saidAt()).isEqualTo(Instant.parse("2024-03-01T09:15:00Z"));
        assertThat(first.contentType()).startsWith("text/csv");
        assertThat(new String(first.content(), StandardCharsets.UTF_8))
                .startsWith(HEADER + "2024-03-01 09:15:00,")
                .contains("\\\"goodbye\\\"")
                .endsWith(",MEMBER_NETWORK\r\n");
    }

    @Test
    void rejectsABrokenRowWithItsLineAndKeepsTheRowsAroundIt() throws IOException {
        var sink = read(
                format,
                "Shares.csv",
                utf8(HEADER
                        + "2024-03-01 09:15:00,https://l.in/1,\"first,\nspanning two lines\",,,PUBLIC\n"
                        + "2024-03-02 09:15:00,https://l.in/2,broken \"quote\" here,,,PUBLIC\n"
                        + "2024-03-03 09:15:00,https://l.in/3,\"closed\" and more,,,PUBLIC\n"
                        + "2024-03-04 09:15:00,https://l.in/4,too,few\n"
                        + "yesterday,https://l.in/5,bad date,,,PUBLIC\n"
                        + "\n"
                        + "2024-03-06 09:15:00,https://l.in/6,last,,,PUBLIC\n"));

        assertThat(sink.texts()).containsExactly("first,\nspanning two lines", "last");
        assertThat(sink.rejections)
                .extracting(CollectingSink.Rejection::where, CollectingSink.Rejection::reasonKey)
                .containsExactly(
                        tuple("Shares.csv:4", "channels.import.csv.stray-quote"),
                        tuple("Shares.csv:5", "channels.import.csv.after-quote"),
                        tuple("Shares.csv:6", "channels.import.csv.columns"),
                        tuple("Shares.csv:7", "channels.import.bad-date"));
        assertThat(sink.rejections.get(2).arguments()).containsExactly(4, 6);
    }

    @Test
    void reportsAQuoteLeftOpenAtTheEnd() throws IOException {
        var sink = read(
                format,
                "Shares.csv",
                utf8(HEADER
                        + "2024-03-01 09:15:00,https://l.in/1,kept,,,PUBLIC\n"
                        + "2024-03-02 09:15:00,https://l.in/2,\"never closed,,,PUBLIC\n"));
        assertThat(sink.texts()).containsExactly("kept");
        assertThat(sink.rejections)
                .extracting(CollectingSink.Rejection::where, CollectingSink.Rejection::reasonKey)
                .containsExactly(tuple("Shares.csv:3", "channels.import.csv.unclosed-quote"));
    }

    @Test
    void readsCommentsAndTellsCommentsUnderOnePostApart() throws IOException {
        var sink = read(
                format,
                "linkedin-export/Comments.csv",
                utf8(
                        "Date,Link,Message\n"
                                + "2024-01-05 08:00:00,https://www.linkedin.com/feed/update/urn:li:activity:7/,Glückwunsch!\n"
                                + "2024-01-05 09:00:00,https://www.linkedin.com/feed/update/urn:li:activity:7/,\"Noch einmal: \\\"toll\\\"\"\n"));
        assertThat(sink.rejections).isEmpty();
        assertThat(sink.texts()).containsExactly("Glückwunsch!", "Noch einmal: \"toll\"");
        assertThat(sink.captures).allSatisfy(c -> assertThat(c.kind()).isEqualTo(CaptureKind.COMMENT));
        assertThat(sink.captures).extracting(Capture::sourceId).doesNotHaveDuplicates();
    }

    @Test
    void namesTheAccountFromTheProfile() throws IOException {
        var sink = new CollectingSink();
        ExportReader reader = format.reader(sink);
        assertThat(reader.order("Profile.csv")).isLessThan(reader.order("Shares.csv"));
        reader.read("Profile.csv", new ByteArrayInputStream(utf8("First Name,Last Name,Headline\nAda,Lovelace,CEO\n")));
        reader.read(
                "Shares.csv", new ByteArrayInputStream(utf8(HEADER + "2024-03-01 09:15:00,https://l.in/1,Hi,,,\n")));
        assertThat(sink.captures).singleElement().extracting(Capture::account).isEqualTo("Ada Lovelace");
    }

    @Test
    void refusesAFileWithoutTheExpectedColumns() {
        var reader = format.reader(new CollectingSink());
        assertThatThrownBy(() -> reader.read("Shares.csv", new ByteArrayInputStream(utf8("a,b,c\n1,2,3\n"))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Date");
    }

    @Test
    void rejectsAnOverlongRowAndReadsOn() throws IOException {
        String huge = "x".repeat(CsvRows.MAX_ROW + 10);
        var sink = read(
                format,
                "Shares.csv",
                utf8(HEADER
                        + "2024-03-01 09:15:00,https://l.in/1,\"" + huge + "\",,,PUBLIC\n"
                        + "2024-03-02 09:15:00,https://l.in/2,after,,,PUBLIC\n"
                        + ",".repeat(5_000_000) + "\n"
                        + "2024-03-03 09:15:00,https://l.in/3,last,,,PUBLIC\n"));
        assertThat(sink.texts()).containsExactly("after", "last");
        assertThat(sink.reasons()).containsExactly("channels.import.csv.too-long", "channels.import.csv.too-long");
    }

    @Test
    void readsRowsEndedByCarriageReturnsAlone() throws Exception {
        var rows = new CsvRows(new StringReader("a,b\r1,\"2\"\r3,4"));
        assertThat(rows.next().fields()).containsExactly("a", "b");
        CsvRows.Row second = rows.next();
        assertThat(second.fields()).containsExactly("1", "2");
        assertThat(second.raw()).isEqualTo("1,\"2\"");
        assertThat(rows.next().fields()).containsExactly("3", "4");
        assertThat(rows.next()).isNull();
    }

    /**
     * A backslash before a quote or at the end of a text cannot be told from LinkedIn's escaped quote, so the few
     * strings with one are left out.
     */
    @Test
    void keepsNaughtyStringsAsTheyWereWritten() throws Exception {
        List<String> strings = NaughtyStringsTests.naughtyStrings().stream()
                .filter(text -> !text.contains("\\\"") && !text.endsWith("\\"))
                .toList();
        assertThat(strings).hasSizeGreaterThan(500);
        var file = new StringBuilder(HEADER);
        var expected = new ArrayList<String>();
        for (int i = 0; i < strings.size(); i++) {
            String text = strings.get(i);
            file.append("2024-03-01 09:15:00,https://l.in/")
                    .append(i)
                    .append(",\"")
                    .append(text.replace("\"", "\"\""))
                    .append("\",,,PUBLIC\r\n");
            if (!text.strip().isEmpty()) {
                expected.add(text.strip().replace("\r\n", "\n"));
            }
        }
        var sink = read(format, "Shares.csv", utf8(file.toString()));
        assertThat(sink.texts().stream().map(t -> t.replace("\r\n", "\n")).toList())
                .isEqualTo(expected);
        assertThat(sink.reasons()).containsOnly("channels.import.empty");
    }
}
