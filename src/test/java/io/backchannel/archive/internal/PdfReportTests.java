package io.backchannel.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.archive.ArchiveIntegrationTest;
import io.backchannel.archive.CaptureKind;
import io.backchannel.archive.CaptureOutcome;
import io.backchannel.identity.NaughtyStringsTests;
import io.backchannel.identity.Role;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The PDF evidence report: each record's digest readable back from the PDF, any script or string, never a crash. */
@IntegrationTest
class PdfReportTests extends ArchiveIntegrationTest {

    @Autowired
    PdfReport pdf;

    @Test
    void caseReportListsEveryDigestInGreekCyrillicAndMarksWhatTheFontLacks() throws Exception {
        String marker = marker();
        CaptureOutcome greek = archive.capture(
                item("x", "pdf-a-" + marker, "acme", "Σωκράτης Παπαδόπουλος", CaptureKind.OWN_POST, "el", "Γειά"));
        CaptureOutcome russian = archive.capture(
                item("x", "pdf-b-" + marker, "acme", "Фёдор Достоевский", CaptureKind.COMMENT, "ru", "Привет"));
        CaptureOutcome chinese =
                archive.capture(item("x", "pdf-c-" + marker, "acme", "王小明", CaptureKind.REPLY, "zh", "你好"));
        var archivist = logIn(Role.ARCHIVIST);
        String caseId = mvc.perform(
                        post("/archive/cases").session(archivist).with(csrf()).param("name", "PDF " + marker))
                .andReturn()
                .getResponse()
                .getRedirectedUrl()
                .replaceAll(".*/", "");
        for (CaptureOutcome outcome : List.of(greek, russian, chinese)) {
            mvc.perform(post("/archive/cases/records")
                            .session(archivist)
                            .with(csrf())
                            .param("caseId", caseId)
                            .param("record", outcome.recordId().toString()))
                    .andExpect(status().is3xxRedirection());
        }

        byte[] bytes = mvc.perform(get("/archive/cases/" + caseId + "/report.pdf")
                        .session(archivist)
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();

        String text = text(bytes);
        for (CaptureOutcome outcome : List.of(greek, russian, chinese)) {
            assertThat(text).contains("sha256:" + digest(outcome));
        }
        assertThat(text)
                .contains("Σωκράτης Παπαδόπουλος", "Фёдор Достоевский", "Evidence report", "Page 1 of 1")
                .doesNotContain("王小明")
                .contains("\uFFFD\uFFFD\uFFFD", "cannot show");
        mvc.perform(get("/archive/cases/" + caseId + "/report.pdf").session(logIn(Role.STAFF)))
                .andExpect(status().isForbidden());
    }

    @Test
    void naughtyStringsAndEndlessWordsLayOutOnNumberedPagesWithoutBreakingIt() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        List<String> naughty = new ArrayList<>(NaughtyStringsTests.naughtyStrings());
        naughty.add("x".repeat(10_000));
        naughty.add("\u202Eevil\u0000\uD800 \t\r\n");
        for (int i = 0; i < naughty.size(); i++) {
            rows.add(List.of(naughty.get(i), "digest-" + i + "-end"));
        }
        var report = new EvidenceReport("Report <script>", "Introduction", List.of("Author", "Digest"), rows);

        String text = text(pdf.render(report, Locale.GERMAN));

        for (int i = 0; i < naughty.size(); i++) {
            assertThat(text).contains("digest-" + i + "-end");
        }
        assertThat(text).containsPattern("Seite 1 von [1-9][0-9]+").contains("Report <script>");
    }

    private String digest(CaptureOutcome outcome) {
        return jdbc.sql("select payload_digest from archive_item where id = ?")
                .param(outcome.recordId())
                .query(String.class)
                .single();
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
