package io.backchannel.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.identity.Role;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.springframework.mock.web.MockHttpSession;

/**
 * Erasure on a data-protection request: the content leaves the WARC file for a tombstone signed with the installation
 * key, the chain still verifies, a case (legal hold) suspends it, and a forged tombstone is caught.
 */
@IntegrationTest
class ArchiveErasureTests extends ArchiveIntegrationTest {

    MockHttpSession admin;

    @TempDir
    Path copy;

    @BeforeEach
    void setUp() throws Exception {
        admin = logIn(Role.ADMIN);
    }

    @Test
    void erasedContentLeavesTheFileTheChainStillVerifiesAndLaterRecordsStayReadable() throws Exception {
        String secret = "Jane Doe lives at Main Street " + marker();
        CaptureOutcome victim = archive.capture(item("erase-" + marker(), secret));
        CaptureOutcome later = archive.capture(item("later-" + marker(), "Said later " + marker()));
        String file = placed(victim.recordId()).file();

        erase(victim).andExpect(flash().attribute("flash", "archive.erase.done"));

        assertThat(jdbc.sql("select text from archive_item where id = ?")
                        .param(victim.recordId())
                        .query(String.class)
                        .single())
                .isEmpty();
        List<String> bodies = new ArrayList<>();
        try (WarcReader reader = new WarcReader(directory().resolve(file))) {
            for (WarcRecord record : reader) {
                bodies.add(new String(record.body().stream().readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(bodies).noneMatch(body -> body.contains(secret));
        assertThat(verify(directory())[0]).isEqualTo("0");

        Document erased = page("/archive/records/" + victim.recordId());
        assertThat(erased.select("main").text()).doesNotContain(secret).contains("GDPR request 12");
        assertThat(erased.select("[role=alert]")).isEmpty();
        Document after = page("/archive/records/" + later.recordId());
        assertThat(after.select("pre.archive-text").first().text()).startsWith("Said later");
        assertThat(after.select("[role=alert]")).isEmpty();
        assertThat(page("/archive?q=" + secret.split(" ")[4]).select("ol.archive-results li"))
                .isEmpty();
    }

    @Test
    void aRecordHeldByACaseCannotBeErased() throws Exception {
        CaptureOutcome held = archive.capture(item("held-" + marker(), "Held statement"));
        String location = mvc.perform(
                        post("/archive/cases").session(admin).with(csrf()).param("name", "Litigation " + marker()))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        mvc.perform(post("/archive/cases/records")
                .session(admin)
                .with(csrf())
                .param("caseId", location.substring(location.lastIndexOf('/') + 1))
                .param("record", held.recordId().toString()));

        erase(held).andExpect(flash().attribute("flashError", "archive.erase.held"));

        assertThat(page("/archive/records/" + held.recordId())
                        .select("pre.archive-text")
                        .first()
                        .text())
                .isEqualTo("Held statement");
    }

    @Test
    void onlyAdminsEraseAndOnlyWithAReason() throws Exception {
        CaptureOutcome outcome = archive.capture(item("reason-" + marker(), "Keep me"));

        mvc.perform(post("/archive/records/" + outcome.recordId() + "/erase")
                        .session(logIn(Role.ARCHIVIST))
                        .with(csrf())
                        .param("reason", "because"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/archive/records/" + outcome.recordId() + "/erase")
                        .session(admin)
                        .with(csrf())
                        .param("reason", "   "))
                .andExpect(flash().attribute("flashError", "archive.erase.reason-required"));
        assertThat(page("/archive/records/" + outcome.recordId())
                        .select("pre.archive-text")
                        .first()
                        .text())
                .isEqualTo("Keep me");
    }

    @Test
    void aTombstoneWhoseErasureWasForgedIsNamedByTheVerifier() throws Exception {
        CaptureOutcome victim = archive.capture(item("forge-" + marker(), "Erased properly"));
        erase(victim);
        Placed placed = placed(victim.recordId());
        try (Stream<Path> files = Files.list(directory())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Path file = copy.resolve(placed.file());
        byte[] bytes = Files.readAllBytes(file);
        byte[] member = Arrays.copyOfRange(bytes, (int) placed.offset(), (int) (placed.offset() + placed.length()));
        String text = new String(
                new GZIPInputStream(new ByteArrayInputStream(member)).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text).contains("X-Backchannel-Erasure-Reason: GDPR request 12");
        ByteArrayOutputStream forged = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(forged)) {
            gzip.write(text.replace("GDPR request 12", "GDPR request 13").getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream spliced = new ByteArrayOutputStream();
        spliced.write(bytes, 0, (int) placed.offset());
        spliced.write(forged.toByteArray());
        spliced.write(
                bytes,
                (int) (placed.offset() + placed.length()),
                bytes.length - (int) (placed.offset() + placed.length()));
        Files.write(file, spliced.toByteArray());

        String[] result = verify(copy);

        assertThat(result[0]).isEqualTo("1");
        assertThat(result[2])
                .contains("ALTERED position " + placed.position())
                .contains("claims an erasure whose signature does not verify");
    }

    private org.springframework.test.web.servlet.ResultActions erase(CaptureOutcome outcome) throws Exception {
        return mvc.perform(post("/archive/records/" + outcome.recordId() + "/erase")
                .session(admin)
                .with(csrf())
                .param("reason", "GDPR request 12"));
    }

    private Document page(String url) throws Exception {
        return Jsoup.parse(mvc.perform(get(url).session(admin))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    private static String[] verify(Path directory) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ArchiveCommand.run(
                new String[] {"archive", "verify", directory.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {
            Integer.toString(exit), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)
        };
    }
}
