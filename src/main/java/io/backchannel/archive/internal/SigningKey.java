package io.backchannel.archive.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The installation's Ed25519 key that signs checkpoints. Like the installation's other secrets it is generated once
 * and kept in the database (never in the repository or the archive directory), so every restart and every node signs
 * with the same key. The public half is published on the archive page and beside the WARC files for the verifier.
 */
@Component
public class SigningKey {

    private final JdbcClient jdbc;
    private final ArchiveSettings settings;
    private @Nullable PrivateKey privateKey;
    private @Nullable PublicKey publicKey;

    SigningKey(JdbcClient jdbc, ArchiveSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    synchronized PrivateKey privateKey() {
        load();
        return java.util.Objects.requireNonNull(privateKey);
    }

    public synchronized PublicKey publicKey() {
        load();
        return java.util.Objects.requireNonNull(publicKey);
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey().getEncoded());
    }

    public String fingerprint() {
        return Signing.fingerprint(publicKey());
    }

    /** Writes the public key beside the WARC files, where {@code archive verify} looks for it. */
    void publish() {
        Path file = settings.directory().resolve(StoreVerifier.PUBLIC_KEY);
        try {
            Files.createDirectories(settings.directory());
            String text = publicKeyBase64() + "\n";
            if (!Files.exists(file)
                    || !Files.readString(file, StandardCharsets.US_ASCII).equals(text)) {
                Files.writeString(file, text, StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void load() {
        if (privateKey != null) {
            return;
        }
        try {
            KeyPair generated = KeyPairGenerator.getInstance(Signing.ALGORITHM).generateKeyPair();
            Base64.Encoder base64 = Base64.getEncoder();
            jdbc.sql("insert into archive_signing_key (id, private_key, public_key) values (1, ?, ?)"
                            + " on conflict (id) do nothing")
                    .params(
                            base64.encodeToString(generated.getPrivate().getEncoded()),
                            base64.encodeToString(generated.getPublic().getEncoded()))
                    .update();
            var stored = jdbc.sql("select private_key, public_key from archive_signing_key where id = 1")
                    .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)})
                    .single();
            privateKey = Signing.privateKey(stored[0]);
            publicKey = Signing.publicKey(stored[1]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK offers no Ed25519", e);
        }
    }
}
