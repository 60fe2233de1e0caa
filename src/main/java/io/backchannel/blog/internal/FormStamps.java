package io.backchannel.blog.internal;

import io.backchannel.system.Signatures;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * When a comment form was rendered, signed so that a bot cannot claim it read the page long ago: people take a few
 * seconds to write a comment, scripts that post straight away do not.
 */
@Component
class FormStamps {

    private static final String PURPOSE = "blog-comment-form";

    private final Signatures signatures;

    FormStamps(Signatures signatures) {
        this.signatures = signatures;
    }

    String issue() {
        String data = Long.toString(Instant.now().toEpochMilli());
        return data + "." + signatures.sign(PURPOSE, data);
    }

    /** How long ago the form was rendered, if the stamp is one of ours. */
    Optional<Duration> age(String stamp) {
        int dot = stamp.indexOf('.');
        if (dot < 1 || !signatures.verify(PURPOSE, stamp.substring(0, dot), stamp.substring(dot + 1))) {
            return Optional.empty();
        }
        // Signed by us, so the number is well-formed.
        var rendered = Instant.ofEpochMilli(Long.parseLong(stamp.substring(0, dot)));
        return Optional.of(Duration.between(rendered, Instant.now()));
    }
}
