package io.backchannel.system.internal;

import io.backchannel.system.Signatures;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

@Component
class HmacSignatures implements Signatures {

    private static final String ALGORITHM = "HmacSHA256";

    private final InstallationSecrets secrets;
    private volatile byte[] key = new byte[0];

    HmacSignatures(InstallationSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public String sign(String purpose, String data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key(), ALGORITHM));
            byte[] signature = mac.doFinal((purpose + '\n' + data).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    @Override
    public boolean verify(String purpose, String data, String signature) {
        return MessageDigest.isEqual(
                sign(purpose, data).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** Read once, on first use: the secret is created in the database on the first start that needs it. */
    private byte[] key() {
        if (key.length == 0) {
            key = secrets.signingKey().getBytes(StandardCharsets.UTF_8);
        }
        return key;
    }
}
