package io.backchannel.system.internal;

import io.backchannel.system.KeyedHashes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Keyed hashes with the installation's hash key, read once from the database on first use. */
@Component
class InstallationKeyedHashes implements KeyedHashes {

    private final InstallationSecrets secrets;
    private volatile @Nullable SecretKeySpec key;

    InstallationKeyedHashes(InstallationSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public String hash(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            current = new SecretKeySpec(secrets.hashKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            key = current;
        }
        return current;
    }
}
