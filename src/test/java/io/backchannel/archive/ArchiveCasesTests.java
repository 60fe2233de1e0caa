package io.backchannel.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.identity.Role;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netpreserve.jwarc.WarcReader;
import org.springframework.mock.web.MockHttpSession;

/** Cases: archivists gather hand-picked records and download them together as one evidence package. */
@IntegrationTest
class ArchiveCasesTests extends ArchiveIntegrationTest {

    MockHttpSession archivist;

    @BeforeEach
    void setUp() throws Exception {
        archivist = logIn(Role.ARCHIVIST);
    }

    @Test
    void recordsAddedToACaseAreListedAndExportedTogether() throws Exception {
        CaptureOutcome first = archive.capture(item("case-a-" + marker(), "First statement"));
        CaptureOutcome second = archive.capture(item("case-b-" + marker(), "Second statement"));
        archive.capture(item("case-c-" + marker(), "Not in the case"));
        String location = createCase("Complaint " + marker());
        String caseId = location.substring(location.lastIndexOf('/') + 1);

        for (CaptureOutcome outcome : List.of(first, second, first)) {
            mvc.perform(post("/archive/cases/records")
                            .session(archivist)
                            .with(csrf())
                            .param("caseId", caseId)
                            .param("record", outcome.recordId().toString()))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(flash().attribute("flash", "archive.case.added"));
        }

        Document page = page("/archive/cases/" + caseId);
        assertThat(page.select("table.archive-case-records tbody tr")).hasSize(2);
        Document record = page("/archive/records/" + first.recordId());
        assertThat(record.select("a[href=/archive/cases/" + caseId + "]")).isNotEmpty();
        assertThat(record.select("label[for=caseId]")).isNotEmpty();

        var download = mvc.perform(
                        get("/archive/cases/" + caseId + "/evidence.wacz").session(archivist))
                .andReturn();
        byte[] wacz = mvc.perform(asyncDispatch(download))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        List<String> ids = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(wacz))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals("archive/data.warc.gz")) {
                    try (WarcReader reader = new WarcReader(new ByteArrayInputStream(zip.readAllBytes()))) {
                        reader.forEach(warc -> ids.add(warc.id().toString()));
                    }
                }
            }
        }
        assertThat(ids).containsExactly("urn:uuid:" + first.recordId(), "urn:uuid:" + second.recordId());

        mvc.perform(post("/archive/cases/" + caseId + "/records/" + first.recordId() + "/remove")
                        .session(archivist)
                        .with(csrf()))
                .andExpect(flash().attribute("flash", "archive.case.removed"));
        assertThat(page("/archive/cases/" + caseId).select("table.archive-case-records tbody tr"))
                .hasSize(1);
    }

    @Test
    void badCaseNamesAreRefusedNextToTheFieldAndHostileNamesShowAsText() throws Exception {
        String taken = "Dispute " + marker();
        createCase(taken);
        for (String[] bad : new String[][] {
            {"   ", "archive.case.name-required"},
            {"x".repeat(10_000), "archive.case.name-too-long"},
            {taken.toUpperCase(), "archive.case.name-taken"}
        }) {
            mvc.perform(post("/archive/cases").session(archivist).with(csrf()).param("name", bad[0]))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(flash().attribute("nameError", bad[1]));
        }
        String hostile = "<script>alert(1)</script><img src=x onerror=alert(2)> " + marker();
        String location = createCase(hostile);

        Document page = page(location);
        assertThat(page.select("main script, main img")).isEmpty();
        assertThat(page.select("h1").text()).contains(hostile);
        assertThat(page("/archive/cases").select("table.archive-cases-list a").eachText())
                .contains(hostile);
    }

    @Test
    void theNameErrorIsShownNextToTheField() throws Exception {
        var result = mvc.perform(
                        post("/archive/cases").session(archivist).with(csrf()).param("name", ""))
                .andReturn();
        Document page =
                Jsoup.parse(mvc.perform(get("/archive/cases").session(archivist).flashAttrs(result.getFlashMap()))
                        .andReturn()
                        .getResponse()
                        .getContentAsString());

        assertThat(page.select("#name-error").text()).isEqualTo("Enter a name for the case.");
        assertThat(page.select("#name").attr("aria-describedby")).isEqualTo("name-error");
    }

    @Test
    void unknownCasesAndRecordsAreNotFoundAndOthersAreRefused() throws Exception {
        String caseId = createCase("Audit " + marker()).replaceFirst(".*/", "");
        mvc.perform(get("/archive/cases/" + java.util.UUID.randomUUID()).session(archivist))
                .andExpect(status().isNotFound());
        mvc.perform(post("/archive/cases/records")
                        .session(archivist)
                        .with(csrf())
                        .param("caseId", caseId)
                        .param("record", "not-a-record"))
                .andExpect(status().isNotFound());
        MockHttpSession staff = logIn(Role.STAFF);
        mvc.perform(get("/archive/cases").session(staff)).andExpect(status().isForbidden());
        mvc.perform(post("/archive/cases").session(staff).with(csrf()).param("name", "Sneaky"))
                .andExpect(status().isForbidden());
    }

    private String createCase(String name) throws Exception {
        return mvc.perform(
                        post("/archive/cases").session(archivist).with(csrf()).param("name", name))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flash", "archive.case.made"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
    }

    private Document page(String url) throws Exception {
        return Jsoup.parse(mvc.perform(get(url).session(archivist))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }
}
