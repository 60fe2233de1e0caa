package io.backchannel.archive.internal;

import io.backchannel.archive.internal.StoreVerifier.Finding;
import io.backchannel.archive.internal.StoreVerifier.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * What an RFC 3161 token over a checkpoint proves and how it is checked, the same way in the store, in the verifier of
 * a store directory and in that of an evidence package. The token's imprint is the SHA-256 of the checkpoint's line as
 * {@code checkpoints.txt} and {@code proof/checkpoint.txt} hold it (position, link, time and signature): the authority
 * confirms that the signed checkpoint existed at its time. Its signature is checked against the certificate inside the
 * token; whether that certificate belongs to a trusted authority is for the reader of the report to judge.
 */
final class TimestampTokens {

    /** Where the tokens lie beside the WARC files, one per stamped checkpoint: {@code <position>.tsr}. */
    static final String DIRECTORY = "timestamps";

    private TimestampTokens() {}

    static byte[] imprint(String checkpointLine) {
        return Hashes.digester().digest(checkpointLine.strip().getBytes(StandardCharsets.US_ASCII));
    }

    /** The time the authority vouches for when the token verifies against the checkpoint line. */
    static Instant verify(byte[] token, String checkpointLine) throws Invalid {
        TimeStampToken parsed;
        try {
            parsed = new TimeStampToken(new CMSSignedData(token));
        } catch (Exception e) {
            throw new Invalid("not a time-stamp token");
        }
        var info = parsed.getTimeStampInfo();
        if (!TSPAlgorithms.SHA256.equals(info.getMessageImprintAlgOID())
                || !MessageDigest.isEqual(info.getMessageImprintDigest(), imprint(checkpointLine))) {
            throw new Invalid("the token's imprint does not match the checkpoint");
        }
        @SuppressWarnings("unchecked")
        var certificates = (java.util.Collection<X509CertificateHolder>)
                parsed.getCertificates().getMatches(parsed.getSID());
        if (certificates.isEmpty()) {
            throw new Invalid("the token holds no certificate of its signer");
        }
        try {
            parsed.validate(new JcaSimpleSignerInfoVerifierBuilder()
                    .build(certificates.iterator().next()));
        } catch (Exception e) {
            throw new Invalid("the token's signature does not verify against its certificate");
        }
        return info.getGenTime().toInstant();
    }

    /** Checks every token in the store's {@code timestamps} folder against its line in {@code checkpoints.txt}. */
    static void check(Path directory, List<Finding> findings) throws IOException {
        Path tokens = directory.resolve(DIRECTORY);
        if (!Files.isDirectory(tokens)) {
            return;
        }
        Map<String, String> lines = new HashMap<>();
        Path checkpoints = directory.resolve(StoreVerifier.CHECKPOINTS);
        if (Files.exists(checkpoints)) {
            for (String line : Files.readAllLines(checkpoints, StandardCharsets.US_ASCII)) {
                lines.putIfAbsent(line.split(" ", 2)[0], line);
            }
        }
        try (Stream<Path> files = Files.list(tokens)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                String where = DIRECTORY + "/" + name;
                String position = name.replaceFirst("\\.tsr$", "");
                long at = position.matches("\\d{1,18}") ? Long.parseLong(position) : 0;
                String line = lines.get(position);
                if (line == null) {
                    findings.add(new Finding(Problem.BAD_TIMESTAMP, at, where, "no checkpoint at this position"));
                    continue;
                }
                problem(Files.readAllBytes(file), line)
                        .ifPresent(problem -> findings.add(new Finding(Problem.BAD_TIMESTAMP, at, where, problem)));
            }
        }
    }

    static Optional<String> problem(byte[] token, String checkpointLine) {
        try {
            verify(token, checkpointLine);
            return Optional.empty();
        } catch (Invalid e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /** Why a token does not prove its checkpoint. */
    static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }
}
