package io.backchannel.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestWords;
import io.backchannel.identity.Role;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/** The evidence package: standard WACZ parts, records that open in jwarc, and a chain proof up to a signed link. */
@IntegrationTest
class ArchiveEvidenceTests extends ArchiveIntegrationTest {

    @Test
    void evidencePackageHoldsEveryVersionWithHashesAndAChainProofToASignedCheckpoint() throws Exception {
        String id = "evidence-" + marker();
        archive.capture(item("x", id, "acme", "<b>Eve</b>", CaptureKind.OWN_POST, "en", "Offer valid until Friday"));
        CaptureOutcome edited = archive.capture(
                item("x", id, "acme", "<b>Eve</b>", CaptureKind.OWN_POST, "en", "Offer valid until Monday"));
        archive.capture(item("later-" + marker(), "Something later"));

        Map<String, byte[]> files = unzip(download("/archive/records/" + edited.recordId() + "/evidence.wacz"));

        assertThat(files)
                .containsKeys(
                        "archive/data.warc.gz",
                        "indexes/index.cdx",
                        "pages/pages.jsonl",
                        "datapackage.json",
                        "proof/chain.txt",
                        "proof/checkpoint.txt",
                        "proof/signing-key.pub",
                        "report.html",
                        "report.pdf");
        String datapackage = new String(files.get("datapackage.json"), StandardCharsets.UTF_8);
        for (var file : files.entrySet()) {
            if (!file.getKey().equals("datapackage.json")) {
                assertThat(datapackage)
                        .contains("\"path\": \"" + file.getKey() + "\", \"hash\": \"sha256:" + sha256(file.getValue())
                                + "\"");
            }
        }

        List<WarcRecord> records = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        try (WarcReader reader = new WarcReader(new ByteArrayInputStream(files.get("archive/data.warc.gz")))) {
            for (WarcRecord record : reader) {
                records.add(record);
                byte[] body = record.body().stream().readAllBytes();
                contents.add(new String(body, StandardCharsets.UTF_8));
                assertThat(record.blockDigest().orElseThrow().hex()).isEqualTo(sha256(body));
            }
        }
        assertThat(records).hasSize(2);
        assertThat(contents.get(0)).contains("Friday");
        assertThat(contents.get(1)).contains("Monday");

        String[] checkpoint = new String(files.get("proof/checkpoint.txt"), StandardCharsets.US_ASCII)
                .strip()
                .split(" ");
        assertThat(signatureVerifies(files.get("proof/signing-key.pub"), checkpoint))
                .isTrue();
        List<String[]> chain = new String(files.get("proof/chain.txt"), StandardCharsets.US_ASCII)
                .lines()
                .filter(line -> !line.startsWith("#"))
                .map(line -> line.split(" "))
                .toList();
        for (int i = 1; i < chain.size(); i++) {
            assertThat(link(chain.get(i - 1)[2], chain.get(i)[1], Long.parseLong(chain.get(i)[0])))
                    .isEqualTo(chain.get(i)[2]);
        }
        assertThat(chain.getLast()[0]).isEqualTo(checkpoint[0]);
        assertThat(chain.getLast()[2]).isEqualTo(checkpoint[1]);
        for (WarcRecord record : records) {
            String position =
                    record.headers().first("X-Backchannel-Chain-Position").orElseThrow();
            String claimed = record.headers().first("X-Backchannel-Chain-Link").orElseThrow();
            assertThat(chain).anySatisfy(line -> {
                assertThat(line[0]).isEqualTo(position);
                assertThat(line[2]).isEqualTo(claimed);
            });
        }

        String report = new String(files.get("report.html"), StandardCharsets.UTF_8);
        assertThat(report).contains(id).contains("&lt;b&gt;Eve&lt;/b&gt;").doesNotContain("<b>Eve</b>");
        assertThat(Pattern.compile("sha256:[0-9a-f]{64}")
                        .matcher(report)
                        .results()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void theVerifyCommandAcceptsAnIntactPackageAndNamesTheRecordAlteredInside(@TempDir Path directory)
            throws Exception {
        CaptureOutcome held = archive.capture(item("bundle-" + marker(), "A statement to prove"));
        byte[] wacz = download("/archive/records/" + held.recordId() + "/evidence.wacz");
        Path intact = Files.write(directory.resolve("intact.wacz"), wacz);

        String[] ok = verify(intact);
        assertThat(ok[0]).as(ok[2]).isEqualTo("0");
        assertThat(ok[1]).startsWith("OK: 1 records");

        Map<String, byte[]> files = unzip(wacz);
        byte[] warc = files.get("archive/data.warc.gz");
        warc[warc.length / 2] ^= 0x01;
        Path altered = directory.resolve("altered.wacz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(altered))) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        String[] failed = verify(altered);
        assertThat(failed[0]).isEqualTo("1");
        assertThat(failed[2])
                .contains("ALTERED archive/data.warc.gz: does not match its hash in datapackage.json")
                .contains("ALTERED archive/data.warc.gz at offset 0: unreadable");
    }

    private static String[] verify(Path bundle) {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int exit = ArchiveCommand.run(
                new String[] {"archive", "verify", bundle.toString()},
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {
            Integer.toString(exit), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)
        };
    }

    @Test
    void searchResultsExportAsOnePackageAndOnlyArchivistsMayDownload() throws Exception {
        String word = TestWords.unique();
        archive.capture(item("one-" + marker(), word + " one"));
        archive.capture(item("two-" + marker(), word + " two"));

        Map<String, byte[]> files = unzip(download("/archive/export.wacz?q=" + word));
        assertThat(new String(files.get("pages/pages.jsonl"), StandardCharsets.UTF_8).lines())
                .hasSize(3);

        MockHttpSession customer = logIn(Role.CUSTOMER);
        mvc.perform(get("/archive/export.wacz?q=" + word).session(customer)).andExpect(status().isForbidden());
        mvc.perform(get("/archive/records/" + java.util.UUID.randomUUID() + "/evidence.wacz")
                        .session(logIn(Role.ARCHIVIST)))
                .andExpect(status().isNotFound());
    }

    private byte[] download(String url) throws Exception {
        MockHttpSession archivist = logIn(Role.ARCHIVIST);
        MvcResult started = mvc.perform(get(url).session(archivist)).andReturn();
        return mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/wacz"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The chain's rule, written out again here so the test does not trust the code it checks. */
    private static String link(String previous, String recordDigest, long position) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(HexFormat.of().parseHex(previous));
        digest.update(HexFormat.of().parseHex(recordDigest));
        digest.update(ByteBuffer.allocate(8).putLong(position).array());
        return HexFormat.of().formatHex(digest.digest());
    }

    private static boolean signatureVerifies(byte[] publicKey, String[] checkpoint) throws Exception {
        var key = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(
                        Base64.getDecoder().decode(new String(publicKey, StandardCharsets.US_ASCII).strip())));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(key);
        signature.update(
                ("backchannel-archive-checkpoint\n" + checkpoint[0] + "\n" + checkpoint[1] + "\n" + checkpoint[2])
                        .getBytes(StandardCharsets.UTF_8));
        return signature.verify(Base64.getDecoder().decode(checkpoint[3]));
    }
}
