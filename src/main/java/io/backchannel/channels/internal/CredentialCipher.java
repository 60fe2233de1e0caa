package io.backchannel.channels.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts connector credentials at rest with AES-256-GCM (a fresh 12-byte nonce per value, stored in front of the
 * ciphertext). The key comes from {@code backchannel.channels.secret-key}; without it (development, tests) a key is
 * generated once into a file under the data folder, and the log says so, because losing that file loses every stored
 * credential.
 */
@Component
class CredentialCipher {

    private static final Logger log = LoggerFactory.getLogger(CredentialCipher.class);
    private static final SecureRandom random = new SecureRandom();
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;

    CredentialCipher(
            @Value("${backchannel.channels.secret-key:}") String configured,
            @Value("${backchannel.channels.secret-key-file}") Path file) {
        this.key = new SecretKeySpec(configured.isBlank() ? generatedKey(file) : decode(configured), "AES");
    }

    byte[] encrypt(String plain) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** @throws IllegalStateException when the value was sealed with another key or altered */
    String decrypt(byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
            return new String(cipher.doFinal(sealed, NONCE, sealed.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A connector credential cannot be decrypted with the configured key", e);
        }
    }

    private static byte[] decode(String configured) {
        byte[] bytes = Base64.getDecoder().decode(configured.strip());
        if (bytes.length != 32) {
            throw new IllegalStateException("backchannel.channels.secret-key must be 32 bytes in Base64");
        }
        return bytes;
    }

    private static byte[] generatedKey(Path file) {
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII));
            }
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
            restrict(file);
            log.warn(
                    "No BACKCHANNEL_CHANNELS_SECRET_KEY configured: generated the key that encrypts connector"
                            + " credentials into {}. Keep that file (or set the variable to its content) or the stored"
                            + " credentials cannot be read.",
                    file.toAbsolutePath());
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            log.debug("Could not restrict {} to its owner", file, e);
        }
    }
}
