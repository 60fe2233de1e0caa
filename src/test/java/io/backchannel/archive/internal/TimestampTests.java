package io.backchannel.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import io.backchannel.IntegrationTest;
import io.backchannel.archive.ArchiveIntegrationTest;
import io.backchannel.archive.CaptureOutcome;
import io.backchannel.identity.Role;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.util.CollectionStore;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * RFC 3161 time-stamps of checkpoints against a real time-stamp authority on loopback: a JDK HTTP server answering
 * with tokens that BouncyCastle signs with a certificate made for the test.
 */
@IntegrationTest
class TimestampTests extends ArchiveIntegrationTest {

    enum Mode {
        GOOD,
        DOWN,
        BAD_IMPRINT,
        GARBAGE
    }

    private static final AtomicReference<Mode> MODE = new AtomicReference<>(Mode.GOOD);
    private static final AtomicInteger ASKED = new AtomicInteger();
    private static final Authority AUTHORITY = new Authority();

    @Autowired
    Timestamps timestamps;

    @Autowired
    Checkpoints checkpoints;

    @DynamicPropertySource
    static void authority(DynamicPropertyRegistry registry) {
        registry.add("backchannel.archive.timestamp-authority", AUTHORITY::url);
        registry.add("backchannel.archive.timestamp-timeout", () -> "5s");
    }

    @AfterAll
    static void stop() {
        AUTHORITY.server.stop(0);
    }

    @Test
    void newestCheckpointIsStampedKeptBesideTheStoreExportedAndVerified(@TempDir Path temporary) throws Exception {
        MODE.set(Mode.GOOD);
        CaptureOutcome captured = archive.capture(item("stamp-" + marker(), "To be stamped"));
        Checkpoints.Checkpoint checkpoint = checkpoints.checkpoint().orElseThrow();
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Timestamps.Status status = timestamps.stampLatest();

        assertThat(status.state()).isEqualTo("STAMPED");
        assertThat(status.position()).isEqualTo(checkpoint.position());
        assertThat(status.stampedAt()).isBetween(before, Instant.now().plusSeconds(1));
        Path token = directory().resolve("timestamps/" + checkpoint.position() + ".tsr");
        assertThat(token).exists();
        int asked = ASKED.get();
        assertThat(timestamps.stampLatest().state()).isEqualTo("STAMPED");
        assertThat(ASKED.get()).as("a stamped checkpoint is not sent again").isEqualTo(asked);

        List<StoreVerifier.Finding> findings = new ArrayList<>();
        TimestampTokens.check(directory(), findings);
        assertThat(findings).isEmpty();

        var page = Jsoup.parse(mvc.perform(get("/archive").session(logIn(Role.ARCHIVIST)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(page.select("#timestamp").text())
                .contains("Checkpoint " + checkpoint.position() + " was time-stamped by " + AUTHORITY.url());

        var archivist = logIn(Role.ARCHIVIST);
        var started = mvc.perform(get("/archive/records/" + captured.recordId() + "/evidence.wacz")
                        .session(archivist))
                .andReturn();
        byte[] wacz =
                mvc.perform(asyncDispatch(started)).andReturn().getResponse().getContentAsByteArray();
        Map<String, byte[]> files = unzip(wacz);
        assertThat(files.get("proof/checkpoint.tsr")).isEqualTo(Files.readAllBytes(token));
        assertThat(new String(files.get("report.html"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("RFC 3161 time-stamp from " + AUTHORITY.url());
        Path bundle = temporary.resolve("evidence.wacz");
        Files.write(bundle, wacz);
        assertThat(BundleVerifier.verify(bundle).findings()).isEmpty();

        // A token for another checkpoint, put in its place: the verifier names it.
        String otherLine = "1 " + "f".repeat(64) + " 2020-01-01T00:00:00Z c2lnbmF0dXJl";
        files.put("proof/checkpoint.tsr", AUTHORITY.token(TimestampTokens.imprint(otherLine), BigInteger.ONE));
        Path forged = temporary.resolve("forged.wacz");
        Files.write(forged, zip(files));
        assertThat(BundleVerifier.verify(forged).findings())
                .extracting(StoreVerifier.Finding::problem, StoreVerifier.Finding::where, StoreVerifier.Finding::detail)
                .contains(org.assertj.core.groups.Tuple.tuple(
                        StoreVerifier.Problem.BAD_TIMESTAMP,
                        "proof/checkpoint.tsr",
                        "the token's imprint does not match the checkpoint"));

        // The same forgery beside a store's checkpoints.
        Path store = Files.createDirectories(temporary.resolve("store/timestamps"));
        Files.copy(
                directory().resolve(StoreVerifier.CHECKPOINTS),
                temporary.resolve("store/" + StoreVerifier.CHECKPOINTS));
        Files.write(store.resolve(checkpoint.position() + ".tsr"), files.get("proof/checkpoint.tsr"));
        Files.write(store.resolve("999999.tsr"), Files.readAllBytes(token));
        findings.clear();
        TimestampTokens.check(temporary.resolve("store"), findings);
        Files.write(store.resolve(checkpoint.position() + ".tsr"), "garbage".getBytes());
        TimestampTokens.check(temporary.resolve("store"), findings);
        assertThat(findings)
                .extracting(StoreVerifier.Finding::detail)
                .containsExactly(
                        "the token's imprint does not match the checkpoint",
                        "no checkpoint at this position",
                        "not a time-stamp token",
                        "no checkpoint at this position");
    }

    @Test
    void authorityDownWrongOrGarbageLeavesTheCheckpointValidAndIsAskedAgain() throws Exception {
        archive.capture(item("unstamped-" + marker(), "Waiting for a stamp"));
        long position = checkpoints.checkpoint().orElseThrow().position();
        assertThat(timestamps.status().state()).isEqualTo("PENDING");

        MODE.set(Mode.DOWN);
        assertFailed(Timestamps.Reason.UNREACHABLE, position);
        MODE.set(Mode.GARBAGE);
        assertFailed(Timestamps.Reason.GARBAGE, position);
        MODE.set(Mode.BAD_IMPRINT);
        assertFailed(Timestamps.Reason.WRONG_ANSWER, position);
        assertThat(directory().resolve("timestamps/" + position + ".tsr")).doesNotExist();

        var page = Jsoup.parse(mvc.perform(get("/archive").session(logIn(Role.ARCHIVIST)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(page.select("#timestamp [role=alert]").text())
                .contains("Time-stamp failed for checkpoint " + position, "another request");

        MODE.set(Mode.GOOD);
        assertThat(timestamps.stampLatest().state()).isEqualTo("STAMPED");
        assertThat(jdbc.sql("select attempts from archive_timestamp where position = ?")
                        .param(position)
                        .query(Integer.class)
                        .single())
                .isEqualTo(4);
        assertThat(StoreVerifier.verify(directory()).findings())
                .extracting(StoreVerifier.Finding::problem)
                .doesNotContain(StoreVerifier.Problem.BAD_TIMESTAMP, StoreVerifier.Problem.BAD_CHECKPOINT);
    }

    private void assertFailed(Timestamps.Reason reason, long position) {
        Timestamps.Status status = timestamps.stampLatest();
        assertThat(status.state()).as(reason.name()).isEqualTo("FAILED");
        assertThat(status.reason()).isEqualTo(reason);
        assertThat(status.position()).isEqualTo(position);
        assertThat(checkpoints.latest().orElseThrow().position()).isEqualTo(position);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private static byte[] zip(Map<String, byte[]> files) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** A time-stamp authority with its own RSA key and a self-signed certificate for time-stamping only. */
    static final class Authority {

        final HttpServer server;
        private final KeyPair keys;
        private final X509CertificateHolder certificate;

        Authority() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
                X500Name name = new X500Name("CN=Test Time-Stamp Authority");
                certificate = new JcaX509v3CertificateBuilder(
                                name,
                                BigInteger.valueOf(System.nanoTime()),
                                Date.from(Instant.now().minus(1, ChronoUnit.DAYS)),
                                Date.from(Instant.now().plus(1, ChronoUnit.DAYS)),
                                name,
                                keys.getPublic())
                        .addExtension(
                                Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/tsa", exchange -> {
                    ASKED.incrementAndGet();
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    byte[] answer;
                    int code = 200;
                    try {
                        answer = switch (MODE.get()) {
                            case GOOD -> answer(new TimeStampRequest(body));
                            case DOWN -> {
                                code = 503;
                                yield "down for maintenance".getBytes();
                            }
                            case GARBAGE -> "<html>not a time-stamp</html>".getBytes();
                            case BAD_IMPRINT -> {
                                var asked = new TimeStampRequest(body);
                                var other = new TimeStampRequestGenerator()
                                        .generate(TSPAlgorithms.SHA256, new byte[32], asked.getNonce());
                                yield answer(other);
                            }
                        };
                    } catch (Exception e) {
                        code = 500;
                        answer = e.toString().getBytes();
                    }
                    exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
                    exchange.sendResponseHeaders(code, answer.length);
                    exchange.getResponseBody().write(answer);
                    exchange.close();
                });
                server.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String url() {
            return "http://" + server.getAddress().getHostString() + ":"
                    + server.getAddress().getPort() + "/tsa";
        }

        private TimeStampTokenGenerator generator() throws Exception {
            var digests = new JcaDigestCalculatorProviderBuilder().build();
            var generator = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withRSA", keys.getPrivate(), toJca()),
                    digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                    new ASN1ObjectIdentifier("1.2.3.4.1"));
            generator.addCertificates(new CollectionStore<>(List.of(certificate)));
            return generator;
        }

        private byte[] answer(TimeStampRequest request) throws Exception {
            return new TimeStampResponseGenerator(generator(), TSPAlgorithms.ALLOWED)
                    .generate(request, BigInteger.valueOf(ASKED.get()), new Date())
                    .getEncoded();
        }

        /** A bare token over any imprint, as a forger with the authority's key could make. */
        byte[] token(byte[] imprint, BigInteger nonce) throws Exception {
            var request = new TimeStampRequestGenerator().generate(TSPAlgorithms.SHA256, imprint, nonce);
            return generator().generate(request, BigInteger.TEN, new Date()).getEncoded();
        }

        private java.security.cert.X509Certificate toJca() throws Exception {
            return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(certificate);
        }
    }
}
