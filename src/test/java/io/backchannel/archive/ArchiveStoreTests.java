package io.backchannel.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backchannel.IntegrationTest;
import io.backchannel.archive.internal.Checkpoints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.springframework.beans.factory.annotation.Autowired;

/** Captures into real WARC files and checks them the way an outsider would: with jwarc and the verify command. */
@IntegrationTest
class ArchiveStoreTests extends ArchiveIntegrationTest {

    @TempDir
    Path copy;

    @Autowired
    Checkpoints checkpoints;

    @Test
    void capturedItemIsAResourceRecordWithSha256DigestsAndCaptureMetadata() throws IOException {
        String id = "tweet-" + marker();
        CaptureOutcome outcome = archive.capture(item(id, "Our offer is valid until Friday"));

        assertThat(outcome.result()).isEqualTo(CaptureOutcome.Result.NEW);
        assertThat(outcome.version()).isEqualTo(1);
        Placed placed = placed(outcome.recordId());
        try (var channel = java.nio.channels.FileChannel.open(directory().resolve(placed.file()))) {
            channel.position(placed.offset());
            WarcRecord record = new WarcReader(channel).next().orElseThrow();
            assertThat(record.type()).isEqualTo("resource");
            assertThat(record.id().toString()).isEqualTo("urn:uuid:" + outcome.recordId());
            String content = new String(record.body().stream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(content).contains("Our offer is valid until Friday");
            String sha256 = HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(content.getBytes(StandardCharsets.UTF_8)));
            assertThat(record.headers().first("WARC-Payload-Digest").orElseThrow())
                    .startsWith("sha256:");
            assertThat(record.blockDigest().orElseThrow().hex()).isEqualTo(sha256);
            assertThat(record.headers().first("X-Backchannel-Collected-By")).hasValue("test importer");
            assertThat(record.headers().first("X-Backchannel-Collected-From")).hasValue("tweets.js");
            assertThat(record.headers().first("X-Backchannel-Method")).hasValue("import");
            assertThat(record.headers().first("X-Backchannel-Source-Id")).hasValue(id);
            assertThat(record.headers().first("WARC-Target-URI")).hasValue("https://example.org/" + id);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theSameItemCapturedAgainIsRecognisedAndNothingIsWritten() {
        String id = "tweet-" + marker();
        CaptureOutcome first = archive.capture(item(id, "Hello"));
        long entries = entries();

        CaptureOutcome again = archive.capture(item(id, "Hello"));

        assertThat(again.result()).isEqualTo(CaptureOutcome.Result.ALREADY_HELD);
        assertThat(again.recordId()).isEqualTo(first.recordId());
        assertThat(entries()).isEqualTo(entries);
    }

    @Test
    void anEditedItemBecomesANewVersionBesideTheOld() {
        String id = "tweet-" + marker();
        CaptureOutcome first = archive.capture(item(id, "Price: 10 EUR"));
        CaptureOutcome edited = archive.capture(item(id, "Price: 12 EUR"));
        CaptureOutcome original = archive.capture(item(id, "Price: 10 EUR"));

        assertThat(edited.result()).isEqualTo(CaptureOutcome.Result.NEW_VERSION);
        assertThat(edited.version()).isEqualTo(2);
        assertThat(original.result()).isEqualTo(CaptureOutcome.Result.ALREADY_HELD);
        assertThat(original.recordId()).isEqualTo(first.recordId());
        assertThat(jdbc.sql("select text from archive_item where source_id = ? order by version")
                        .param(id)
                        .query(String.class)
                        .list())
                .containsExactly("Price: 10 EUR", "Price: 12 EUR");
    }

    @Test
    void anItemDeletedAtSourceIsMarkedNeverRemovedAndTheNoticeJoinsTheChain() throws IOException {
        String id = "tweet-" + marker();
        archive.capture(item(id, "Soon gone"));
        archive.capture(item(id, "Soon gone, edited"));
        long entries = entries();

        assertThat(archive.markDeletedAtSource("x", id, Instant.now(), "test importer"))
                .isTrue();
        assertThat(archive.markDeletedAtSource("x", id, Instant.now(), "test importer"))
                .isTrue();
        assertThat(archive.markDeletedAtSource("x", "never-held-" + marker(), Instant.now(), "test"))
                .isFalse();

        assertThat(entries()).isEqualTo(entries + 1);
        assertThat(jdbc.sql("select count(*) from archive_item where source_id = ? and deleted_at_source is not null")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(verify(directory()).exit()).isZero();
    }

    @Test
    void refusesContentLargerThanTheLimitClearly() {
        byte[] huge = new byte[65 * 1024];
        Capture capture = item("huge-" + marker(), "big");
        Capture tooLarge = new Capture(
                capture.platform(),
                capture.sourceId(),
                capture.account(),
                capture.author(),
                capture.kind(),
                capture.language(),
                capture.saidAt(),
                capture.url(),
                capture.text(),
                capture.contentType(),
                huge,
                capture.collectedBy(),
                capture.collectedFrom(),
                capture.collectedAt(),
                capture.method());
        long entries = entries();

        assertThatThrownBy(() -> archive.capture(tooLarge))
                .isInstanceOfSatisfying(CaptureRefused.class, refused -> assertThat(refused.messageKey())
                        .isEqualTo("archive.refused.too-large"));
        assertThat(entries()).isEqualTo(entries);
    }

    @Test
    void headerInjectionInCaptureFieldsCannotForgeAHeader() throws IOException {
        String id = "inject-" + marker();
        Capture capture =
                item("x", id, "acme", "Mallory\r\nX-Backchannel-Kind: OWN_POST", CaptureKind.REPLY, "en", "x");
        CaptureOutcome outcome = archive.capture(capture);

        assertThat(jdbc.sql("select author from archive_item where id = ?")
                        .param(outcome.recordId())
                        .query(String.class)
                        .single())
                .isEqualTo("Mallory  X-Backchannel-Kind: OWN_POST");
        assertThat(verify(directory()).exit()).isZero();
    }

    @Test
    void verifyCommandPassesOnAnIntactArchiveAndReportsSignedCheckpoints() throws IOException {
        for (int i = 0; i < 6; i++) {
            archive.capture(item("cp-" + marker(), "Checkpoint filler " + i));
        }
        checkpoints.checkpoint(); // the one the captures asked for may still be on its way
        Result result = verify(directory());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out())
                .startsWith("OK: ")
                .contains("signed checkpoints")
                .doesNotContain(" 0 signed");
    }

    @Test
    void verifyNamesTheRecordWhoseByteWasAltered() throws IOException {
        Placed placed = victimInACopy("A statement we must prove later");
        Path file = copy.resolve(placed.file());
        byte[] bytes = Files.readAllBytes(file);
        int middle = (int) (placed.offset() + placed.length() / 2);
        bytes[middle] ^= 0x01;
        Files.write(file, bytes);

        Result result = verify(copy);

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err())
                .contains("ALTERED position " + placed.position() + " ")
                .contains(placed.file() + " at offset " + placed.offset());
        assertThat(findingLines(result)).hasSize(1);
    }

    @Test
    void verifyNamesADeletedRecordAsMissing() throws IOException {
        Placed placed = victimInACopy("Deleted by an intruder");
        Path file = copy.resolve(placed.file());
        byte[] bytes = Files.readAllBytes(file);
        byte[] without = new byte[bytes.length - (int) placed.length()];
        System.arraycopy(bytes, 0, without, 0, (int) placed.offset());
        System.arraycopy(
                bytes,
                (int) (placed.offset() + placed.length()),
                without,
                (int) placed.offset(),
                bytes.length - (int) (placed.offset() + placed.length()));
        Files.write(file, without);

        Result result = verify(copy);

        assertThat(result.exit()).isEqualTo(1);
        assertThat(findingLines(result))
                .containsExactly("MISSING position " + placed.position() + " : no record holds this position");
    }

    @Test
    void verifyNamesRecordsOutOfOrder() throws IOException {
        CaptureOutcome first = archive.capture(item("first-" + marker(), "First"));
        CaptureOutcome second = archive.capture(item("second-" + marker(), "Second"));
        archive.capture(item("third-" + marker(), "Third"));
        Placed a = placed(first.recordId());
        Placed b = placed(second.recordId());
        copyArchive();
        Path file = copy.resolve(a.file());
        byte[] bytes = Files.readAllBytes(file);
        byte[] swapped = bytes.clone();
        System.arraycopy(bytes, (int) b.offset(), swapped, (int) a.offset(), (int) b.length());
        System.arraycopy(bytes, (int) a.offset(), swapped, (int) (a.offset() + b.length()), (int) a.length());
        Files.write(file, swapped);

        Result result = verify(copy);

        assertThat(result.exit()).isEqualTo(1);
        assertThat(findingLines(result)).hasSize(1);
        assertThat(findingLines(result).getFirst())
                .startsWith("OUT_OF_ORDER position " + a.position() + " record urn:uuid:" + first.recordId())
                .endsWith("found after position " + b.position());
    }

    /** A checkpoint is signed beside the writes: a check may find its line half written, and reads it next time. */
    @Test
    void verifyPassesOverACheckpointLineStillBeingWritten() throws IOException {
        archive.capture(item("half-" + marker(), "Before a checkpoint"));
        checkpoints.checkpoint();
        copyArchive();
        Files.writeString(copy.resolve("checkpoints.txt"), "99999 sha256:00", java.nio.file.StandardOpenOption.APPEND);

        Result result = verify(copy);

        assertThat(result.exit()).as(result.err()).isZero();
    }

    @Test
    void verifyRefusesAForgedCheckpoint() throws IOException {
        for (int i = 0; i < 5; i++) {
            archive.capture(item("forge-" + marker(), "Filler " + i));
        }
        checkpoints.checkpoint();
        copyArchive();
        Path checkpoints = copy.resolve("checkpoints.txt");
        List<String> lines = new ArrayList<>(Files.readAllLines(checkpoints));
        String[] parts = lines.getLast().split(" ");
        parts[1] = "0".repeat(64);
        lines.set(lines.size() - 1, String.join(" ", parts));
        Files.write(checkpoints, lines);

        Result result = verify(copy);

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("BAD_CHECKPOINT position " + parts[0]).contains("signature does not verify");
    }

    @Test
    void verifyCommandExplainsItsUsageAndAMissingDirectory() {
        assertThat(run("archive").exit()).isEqualTo(2);
        assertThat(run("archive", "prove").err()).contains("Usage: java -jar backchannel.jar archive verify");
        Result missing = run("archive", "verify", copy.resolve("nowhere").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("No archive directory");
    }

    record Result(int exit, String out, String err) {}

    private Result verify(Path directory) {
        return run("archive", "verify", directory.toString());
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ArchiveCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> findingLines(Result result) {
        return Arrays.stream(result.err().split("\n")).skip(1).toList();
    }

    private long entries() {
        return jdbc.sql("select count(*) from archive_entry").query(Long.class).single();
    }

    /** Captures the record to tamper with and one after it, copies the archive and says where the first lies. */
    private Placed victimInACopy(String text) throws IOException {
        CaptureOutcome victim = archive.capture(item("victim-" + marker(), text));
        archive.capture(item("after-" + marker(), "Later"));
        copyArchive();
        return placed(victim.recordId());
    }

    private void copyArchive() throws IOException {
        try (Stream<Path> files = Files.list(directory())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
    }
}
