package io.backchannel.ideas.internal;

import org.jspecify.annotations.Nullable;

/**
 * Where a vote came from, as keyed hashes only: of the voter's network and of their device fingerprint. Unknown for
 * votes not cast over the web (demo data, the submission's own promote).
 */
public record VoteOrigin(@Nullable String networkHash, @Nullable String deviceHash) {

    public static final VoteOrigin UNKNOWN = new VoteOrigin(null, null);
}
