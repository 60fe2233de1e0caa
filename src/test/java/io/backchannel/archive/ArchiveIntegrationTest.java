package io.backchannel.archive;

import io.backchannel.TestAccounts;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What the archive's integration tests share: real files in the test JVM's archive directory, a checkpoint every five
 * records, a small content limit, and helpers to capture items.
 */
public abstract class ArchiveIntegrationTest {

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected ArchiveManagement archive;

    @Autowired
    protected IdentityManagement identity;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected io.backchannel.archive.internal.ArchiveSettings settings;

    /** The archive's directory: one per test JVM (see application-test.yml), shared like the test database. */
    protected Path directory() {
        return settings.directory();
    }

    @DynamicPropertySource
    static void archiveSettings(DynamicPropertyRegistry registry) {
        registry.add("backchannel.archive.checkpoint-every", () -> "5");
        registry.add("backchannel.archive.max-content", () -> "64KB");
        registry.add("backchannel.archive.retention", () -> "retention-test=30d");
    }

    protected static String marker() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    protected static Capture item(String sourceId, String text) {
        return item("x", sourceId, "acme", "ACME", CaptureKind.OWN_POST, "en", text);
    }

    protected static Capture item(
            String platform,
            String sourceId,
            String account,
            String author,
            CaptureKind kind,
            String language,
            String text) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new Capture(
                platform,
                sourceId,
                account,
                author,
                kind,
                language,
                now.minus(1, ChronoUnit.DAYS),
                "https://example.org/" + sourceId,
                text,
                "application/json",
                ("{\"id\":\"" + sourceId + "\",\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8),
                "test importer",
                "tweets.js",
                now,
                "import");
    }

    protected MockHttpSession logIn(Role... roles) throws Exception {
        return TestAccounts.login(mvc, TestAccounts.create(identity, "archive", roles));
    }

    /** Where the record with this ID lies: file, offset, length and chain position. */
    protected Placed placed(UUID id) {
        return jdbc.sql("select warc_file, warc_offset, warc_length, position from archive_entry"
                        + " where warc_record_id = ?")
                .param(id)
                .query((rs, row) -> new Placed(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .single();
    }

    protected record Placed(String file, long offset, long length, long position) {}
}
