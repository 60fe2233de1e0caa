package io.backchannel.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The signature of webhook bodies, sent and received (the ideas portal's outgoing webhooks, the channels' webhook
 * connectors): hex HMAC-SHA256 with the connector's secret over
 * {@code timestamp + "." + raw body}, sent as {@code sha256=<hex>} beside the timestamp in Unix seconds. Signing the
 * timestamp lets a receiver refuse a replayed request that is older than {@link #MAX_AGE}.
 */
public final class WebhookSignatures {

    public static final String SIGNATURE = "X-Backchannel-Signature";
    public static final String TIMESTAMP = "X-Backchannel-Timestamp";
    public static final Duration MAX_AGE = Duration.ofMinutes(5);

    private static final SecureRandom random = new SecureRandom();

    private WebhookSignatures() {}

    /** A fresh secret of 32 random bytes, shown to the admin once. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * A POST of the JSON body to the address, signed now with the secret; callers add headers of their own and build
     * it.
     */
    public static HttpRequest.Builder signedPost(URI url, String secret, byte[] json, Duration timeout) {
        long timestamp = Instant.now().getEpochSecond();
        return HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(TIMESTAMP, Long.toString(timestamp))
                .header(SIGNATURE, sign(secret, timestamp, json))
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
    }

    /** Constant-time comparison, and the timestamp within {@link #MAX_AGE} of now either way. */
    public static boolean verify(
            String secret, @Nullable String timestamp, @Nullable String signature, byte[] body, Instant now) {
        if (timestamp == null || signature == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > MAX_AGE.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(
                sign(secret, seconds, body).getBytes(StandardCharsets.US_ASCII),
                signature.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
