package io.backchannel.system;

/**
 * Signs short texts with the installation's secret (HMAC-SHA256), for links that must work without a login and
 * cannot be forged, such as one-click unsubscribe links. The purpose keeps a signature for one use from being valid
 * for another.
 */
public interface Signatures {

    /** The signature of the data for this purpose, URL-safe. */
    String sign(String purpose, String data);

    /** Whether the signature is this installation's for the purpose and data (compared in constant time). */
    boolean verify(String purpose, String data, String signature);
}
