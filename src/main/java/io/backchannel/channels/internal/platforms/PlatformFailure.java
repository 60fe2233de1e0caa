package io.backchannel.channels.internal.platforms;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A platform call that did not give what was asked: {@code reasonKey} a message key shown on the connector's status,
 * {@code wait} how long the platform asked us to stay away (rate limits), when it said.
 */
public class PlatformFailure extends Exception {

    private final String reasonKey;
    private final @Nullable Duration wait;

    public PlatformFailure(String reasonKey, String detail, @Nullable Duration wait) {
        super(detail);
        this.reasonKey = reasonKey;
        this.wait = wait;
    }

    public String reasonKey() {
        return reasonKey;
    }

    public @Nullable Duration waitAsked() {
        return wait;
    }

    public String detail() {
        return String.valueOf(getMessage());
    }
}
