package io.backchannel.channels;

import static io.backchannel.channels.XArchives.accountJs;
import static io.backchannel.channels.XArchives.tweet;
import static io.backchannel.channels.XArchives.tweetsJs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.channels.internal.imports.ImportJobs;
import io.backchannel.channels.internal.imports.ImportTally;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@IntegrationTest
class ImportsTests {

    /** Beyond 2^53: a double would change the last digits. */
    private static final long BEYOND_DOUBLE = 9_007_199_254_740_993L;

    @Autowired
    ImportJobs jobs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityManagement identity;

    @TempDir
    Path temp;

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        registry.add("backchannel.channels.import.max-entries", () -> "50");
        registry.add("backchannel.channels.import.max-total-size", () -> "5MB");
        registry.add("backchannel.channels.import.max-ratio", () -> "100");
        registry.add("backchannel.channels.import.batch-size", () -> "3");
        registry.add("backchannel.channels.import.max-upload", () -> "1MB");
    }

    private final long base = BEYOND_DOUBLE + new Random().nextInt(1_000_000_000) * 1000L;
    private final String account = "acme" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void importsXArchiveWithLongIdsEscapedTextLinksRepliesPartsAndMedia() throws Exception {
        Path zip = zip(Map.of(
                "data/account.js",
                accountJs(account),
                "data/tweets.js",
                tweetsJs(
                        0,
                        tweet(base + 1, "Fish &amp; chips &lt;3 https://t.co/abc", null, true) + ","
                                + tweet(base + 2, "@someone thanks!", Long.toString(base + 99), false)),
                "data/tweets-part1.js",
                tweetsJs(1, tweet(base + 3, "part two", null, false)),
                "data/tweets_media/" + (base + 1) + "-photo.jpg",
                new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3}));

        ImportJobs.Job job = jobs.runNow(zip, null, "test", tally -> {});

        assertThat(job.state()).isEqualTo(ImportJobs.State.DONE);
        assertThat(job.platform()).isEqualTo("x");
        assertThat(job.account()).isEqualTo(account);
        assertThat(job.imported()).isEqualTo(4);
        assertThat(job.rejected()).isZero();
        assertThat(job.files()).extracting(ImportJobs.FileRow::path).contains("data/tweets.js", "data/tweets-part1.js");
        assertThat(text(base + 1)).isEqualTo("Fish & chips <3 https://example.org/menu");
        assertThat(jdbc.sql("select kind from archive_item where platform = 'x' and source_id = ?")
                        .param(Long.toString(base + 2))
                        .query(String.class)
                        .single())
                .isEqualTo("REPLY");
        assertThat(jdbc.sql("select source_id from archive_item where platform = 'x'" + " and source_id like ?")
                        .param((base + 1) + "/media/%")
                        .query(String.class)
                        .list())
                .containsExactly((base + 1) + "/media/" + (base + 1) + "-photo.jpg");
    }

    @Test
    void reimportRecognisesHeldItemsVersionsEditsAndMarksVanishedOnes() throws Exception {
        String a = tweet(base + 1, "first", null, false);
        String b = tweet(base + 2, "second", null, false);
        String c = tweet(base + 3, "third", null, false);
        jobs.runNow(xArchive(a + "," + b + "," + c), null, "test", tally -> {});

        ImportJobs.Job same = jobs.runNow(xArchive(a + "," + b + "," + c), null, "test", tally -> {});
        assertThat(same.alreadyHeld()).isEqualTo(3);
        assertThat(same.imported()).isZero();
        assertThat(same.deletedAtSource()).isZero();

        String edited = tweet(base + 2, "second, edited", null, false);
        ImportJobs.Job again = jobs.runNow(xArchive(a + "," + edited), null, "test", tally -> {});

        assertThat(again.alreadyHeld()).isEqualTo(1);
        assertThat(again.newVersions()).isEqualTo(1);
        assertThat(again.deletedAtSource()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from archive_item where platform = 'x' and source_id = ?"
                                + " and deleted_at_source is not null")
                        .param(Long.toString(base + 3))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select max(version) from archive_item where platform = 'x' and source_id = ?")
                        .param(Long.toString(base + 2))
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void malformedJsonInTheMiddleKeepsWhatCameBeforeAndMarksNothingDeleted() throws Exception {
        jobs.runNow(
                xArchive(tweet(base + 1, "one", null, false) + "," + tweet(base + 2, "two", null, false) + ","
                        + tweet(base + 3, "three", null, false)),
                null,
                "test",
                tally -> {});
        String broken = tweetsJs(
                0,
                tweet(base + 1, "one", null, false) + "," + tweet(base + 4, "four", null, false)
                        + ", {\"tweet\": {\"id_str\": \"1\", oops");
        ImportJobs.Job job = jobs.runNow(
                zip(Map.of("data/account.js", accountJs(account), "data/tweets.js", broken)), null, "test", t -> {});

        assertThat(job.state()).isEqualTo(ImportJobs.State.DONE);
        assertThat(job.imported()).isEqualTo(1);
        assertThat(job.alreadyHeld()).isEqualTo(1);
        assertThat(job.rejected()).isEqualTo(1);
        assertThat(job.deletedAtSource()).isZero();
        assertThat(reasons(job)).containsExactly("channels.import.file-unreadable");
    }

    @Test
    void wrongEncodingIsReportedForTheFile() throws Exception {
        byte[] latin1 =
                tweetsJs(0, tweet(base + 1, "Gr\u00fc\u00dfe", null, false)).getBytes(StandardCharsets.ISO_8859_1);
        ImportJobs.Job job = jobs.runNow(
                zip(Map.of("data/account.js", accountJs(account), "data/tweets.js", latin1)), null, "test", t -> {});

        assertThat(job.imported()).isZero();
        assertThat(reasons(job)).containsExactly("channels.import.file-unreadable");
    }

    @Test
    void missingAccountFileIsReportedAndTheGivenAccountUsed() throws Exception {
        Path zip = zip(Map.of("data/tweets.js", tweetsJs(0, tweet(base + 1, "hello", null, false))));

        ImportJobs.Job job = jobs.runNow(zip, account, "test", tally -> {});

        assertThat(job.imported()).isEqualTo(1);
        assertThat(job.account()).isEqualTo(account);
        assertThat(reasons(job)).containsExactly("channels.import.x.no-account");
        assertThat(jdbc.sql("select account from archive_item where platform = 'x' and source_id = ?")
                        .param(Long.toString(base + 1))
                        .query(String.class)
                        .single())
                .isEqualTo(account);
    }

    @Test
    void refusesZipSlipPathsAndNestedArchivesButReadsTheRest() throws Exception {
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("../../etc/evil.js", "x");
        files.put("/absolute/tweets.js", "x");
        files.put("C:/windows/tweets.js", "x");
        files.put("data\\tweets.js", "x");
        files.put("data/inner.zip", new byte[] {'P', 'K', 3, 4});
        files.put("data/account.js", accountJs(account));
        files.put("data/tweets.js", tweetsJs(0, tweet(base + 1, "safe", null, false)));

        ImportJobs.Job job = jobs.runNow(zip(files), null, "test", tally -> {});

        assertThat(job.imported()).isEqualTo(1);
        assertThat(reasons(job))
                .containsExactlyInAnyOrder(
                        "channels.import.unsafe-path",
                        "channels.import.unsafe-path",
                        "channels.import.unsafe-path",
                        "channels.import.unsafe-path",
                        "channels.import.nested-archive");
    }

    @Test
    void refusesAFileThatExpandsTooMuch() throws Exception {
        Path zip = zip(Map.of(
                "data/account.js",
                accountJs(account),
                "data/tweets.js",
                tweetsJs(0, tweet(base + 1, "ok", null, false)),
                "data/tweets_media/" + (base + 1) + "-bomb.jpg",
                new byte[3 * 1024 * 1024]));

        ImportJobs.Job job = jobs.runNow(zip, null, "test", tally -> {});

        assertThat(job.imported()).isEqualTo(1);
        assertThat(reasons(job)).containsExactly("channels.import.expansion-ratio");
    }

    @Test
    void stopsAtTheTotalSizeCountedWhileReading() throws Exception {
        byte[] noise = new byte[3 * 1024 * 1024];
        new Random(1).nextBytes(noise);
        Path zip = zip(Map.of(
                "data/account.js",
                accountJs(account),
                "data/tweets.js",
                tweetsJs(0, tweet(base + 1, "ok", null, false)),
                "data/tweets_media/" + (base + 1) + "-a.jpg",
                noise,
                "data/tweets_media/" + (base + 1) + "-b.jpg",
                noise));

        ImportJobs.Job job = jobs.runNow(zip, null, "test", tally -> {});

        assertThat(job.state()).isEqualTo(ImportJobs.State.FAILED);
        assertThat(job.failureKey()).isEqualTo("channels.import.too-large-expanded");
        assertThat(job.imported()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void refusesTooManyEntries() throws Exception {
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("data/tweets.js", tweetsJs(0, tweet(base + 1, "ok", null, false)));
        for (int i = 0; i < 60; i++) {
            files.put("data/other" + i + ".txt", "x");
        }
        ImportJobs.Job job = jobs.runNow(zip(files), null, "test", tally -> {});

        assertThat(job.state()).isEqualTo(ImportJobs.State.FAILED);
        assertThat(job.failureKey()).isEqualTo("channels.import.too-many-entries");
    }

    @Test
    void reportsTruncatedZipAndUnknownFiles() throws Exception {
        byte[] whole = Files.readAllBytes(xArchive(tweet(base + 1, "x", null, false)));
        Path truncated = temp.resolve("truncated.zip");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        assertThat(jobs.runNow(truncated, null, "test", t -> {}).failureKey()).isEqualTo("channels.import.broken-zip");

        Path text = temp.resolve("notes.txt");
        Files.writeString(text, "not an export");
        ImportJobs.Job unknown = jobs.runNow(text, null, "test", t -> {});
        assertThat(unknown.state()).isEqualTo(ImportJobs.State.FAILED);
        assertThat(unknown.failureKey()).isEqualTo("channels.import.unknown-format");
    }

    @Test
    void importsMastodonExportWithNotesRepliesBoostsAndMedia() throws Exception {
        String host = "social.example";
        String note = "https://" + host + "/users/" + account + "/statuses/" + base;
        String outbox =
                """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "outbox.json", "type": "OrderedCollection",
                 "totalItems": 3, "orderedItems": [
                  {"id": "%1$s/activity", "type": "Create", "published": "2024-05-01T10:00:00Z",
                   "object": {"id": "%1$s", "type": "Note", "url": "%1$s", "inReplyTo": null,
                     "content": "<p>Hello &amp; welcome</p><p>second <a href=\\"https://x.example\\">link</a></p>",
                     "contentMap": {"de": "x"},
                     "attachment": [{"type": "Document", "url": "/media_attachments/files/1/original/pic.png"}]}},
                  {"id": "%1$s1/activity", "type": "Create", "published": "2024-05-02T10:00:00Z",
                   "object": {"id": "%1$s1", "type": "Note", "inReplyTo": "https://else.example/1",
                     "content": "<p>a reply</p>"}},
                  {"id": "%1$s2/activity", "type": "Announce", "published": "2024-05-03T10:00:00Z",
                   "object": "https://else.example/statuses/7"}
                ]}
                """
                        .formatted(note);
        String actor =
                """
                {"id": "https://%s/users/%s", "type": "Person", "preferredUsername": "%s"}
                """
                        .formatted(host, account, account);
        Path zip = zip(Map.of(
                "outbox.json", outbox,
                "actor.json", actor,
                "media_attachments/files/1/original/pic.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}));

        ImportJobs.Job job = jobs.runNow(zip, null, "test", tally -> {});

        assertThat(job.platform()).isEqualTo("mastodon");
        assertThat(job.account()).isEqualTo(account + "@" + host);
        assertThat(job.imported()).isEqualTo(4);
        assertThat(jdbc.sql("select text from archive_item where platform = 'mastodon' and source_id = ?")
                        .param(note)
                        .query(String.class)
                        .single())
                .isEqualTo("Hello & welcome\n\nsecond link");
        assertThat(jdbc.sql("select kind from archive_item where platform = 'mastodon' and source_id = ?")
                        .param(note + "1")
                        .query(String.class)
                        .single())
                .isEqualTo("REPLY");
        assertThat(jdbc.sql("select count(*) from archive_item where platform = 'mastodon' and source_id = ?")
                        .param(note + "/media/pic.png")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void archivistUploadsAndFollowsAnImport() throws Exception {
        MockHttpSession session = login(Role.ARCHIVIST);
        byte[] bytes = Files.readAllBytes(xArchive(tweet(base + 1, "uploaded", null, false)));

        MvcResult result = mvc.perform(multipart("/archive/imports")
                        .file(new MockMultipartFile("file", "twitter-archive.zip", "application/zip", bytes))
                        .session(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        String location = result.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/archive/imports/");
        UUID id = UUID.fromString(location.substring("/archive/imports/".length()));
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!jobs.find(id).orElseThrow().finished() && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(jobs.find(id).orElseThrow().imported()).isEqualTo(1);
        mvc.perform(get(location).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("twitter-archive.zip")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("<progress")));
        mvc.perform(get("/archive/imports").param("q", "twitter-archive").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(id.toString())));
        mvc.perform(get("/archive/imports/export.csv").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(id.toString())));
    }

    @Test
    void refusesTooLargeAndEmptyUploadsWithAMessage() throws Exception {
        MockHttpSession session = login(Role.ARCHIVIST);
        mvc.perform(multipart("/archive/imports")
                        .file(new MockMultipartFile("file", "big.zip", "application/zip", new byte[2 * 1024 * 1024]))
                        .session(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("uploadError", "channels.import.error.too-large"));
        mvc.perform(multipart("/archive/imports")
                        .file(new MockMultipartFile("file", "empty.zip", "application/zip", new byte[0]))
                        .session(session)
                        .with(csrf()))
                .andExpect(flash().attribute("uploadError", "channels.import.error.no-file"));
        mvc.perform(get("/archive/imports/not-a-uuid").session(session)).andExpect(status().isNotFound());
    }

    @Test
    void customersAndStaffCannotReachImports() throws Exception {
        mvc.perform(get("/archive/imports").session(login(Role.CUSTOMER))).andExpect(status().isForbidden());
        mvc.perform(get("/archive/imports").session(login(Role.STAFF))).andExpect(status().isForbidden());
    }

    @Test
    void anImportWhoseNodeStoppedIsMarkedInterrupted() {
        UUID stale = UUID.randomUUID();
        jdbc.sql("insert into channels_import (id, file_name, file_size, state, started_by, updated_at)"
                        + " values (?, 'old.zip', 1, 'RUNNING', 'test', now() - interval '10 minutes')")
                .param(stale)
                .update();

        jobs.markInterrupted();

        ImportJobs.Job job = jobs.find(stale).orElseThrow();
        assertThat(job.state()).isEqualTo(ImportJobs.State.FAILED);
        assertThat(job.failureKey()).isEqualTo("channels.import.interrupted");
    }

    @Test
    void commandLineRefusesWrongUsageAndMissingFiles() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        assertThat(ImportCommand.run(
                        new String[] {"import"},
                        Object.class,
                        new java.io.PrintStream(out),
                        new java.io.PrintStream(err)))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage");
        assertThat(ImportCommand.run(
                        new String[] {"import", temp.resolve("missing.zip").toString()},
                        Object.class,
                        new java.io.PrintStream(out),
                        new java.io.PrintStream(err)))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Cannot read");
    }

    private MockHttpSession login(Role role) throws Exception {
        return TestAccounts.login(mvc, TestAccounts.create(identity, "imports", role));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor csrf() {
        return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf();
    }

    private List<String> reasons(ImportJobs.Job job) {
        return jobs.rejections(job.id()).stream()
                .map(ImportTally.Rejection::reasonKey)
                .toList();
    }

    private String text(long id) {
        return jdbc.sql("select text from archive_item where platform = 'x' and source_id = ? order by version desc"
                        + " limit 1")
                .param(Long.toString(id))
                .query(String.class)
                .single();
    }

    private Path xArchive(String tweets) throws IOException {
        return zip(Map.of("data/account.js", accountJs(account), "data/tweets.js", tweetsJs(0, tweets)));
    }

    private Path zip(Map<String, ?> files) throws IOException {
        return XArchives.zip(Files.createTempFile(temp, "export", ".zip"), files);
    }
}
