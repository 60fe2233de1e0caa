package io.backchannel.system;

/**
 * Keyed hashes (HMAC-SHA256 with a secret of this installation) for values that must be compared but never kept in
 * clear, such as the network a request came from. Without the secret, nobody can test guesses against a stored hash.
 */
public interface KeyedHashes {

    /** The hash of the value as lowercase hex; the same value always gives the same hash in this installation. */
    String hash(String value);
}
