package io.backchannel.listening.internal;

import io.backchannel.text.ListeningQuery;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A listening query as staff defined it: the expression and its filters (empty lists mean any language, channel or
 * author). Author handles are held lower case without a leading "@".
 */
public record SavedQuery(
        UUID id,
        String name,
        String expression,
        QueryKind kind,
        List<String> languages,
        List<String> channels,
        List<String> authorsInclude,
        List<String> authorsExclude,
        boolean active,
        int version,
        Instant updatedAt) {

    /** Whether the query applies to a post heard on this channel, in this language, from this author. */
    boolean appliesTo(String channel, String language, String authorHandle) {
        String author = handle(authorHandle);
        return (channels.isEmpty() || channels.contains(channel))
                && (languages.isEmpty() || languages.contains(language))
                && (authorsInclude.isEmpty() || authorsInclude.contains(author))
                && !authorsExclude.contains(author);
    }

    /** The expression compiled; one stored before a change of grammar that no longer parses matches nothing. */
    Optional<ListeningQuery> compiled() {
        return ListeningQuery.parse(expression).valid();
    }

    static String handle(String handle) {
        String stripped = handle.strip().toLowerCase(Locale.ROOT);
        return stripped.startsWith("@") ? stripped.substring(1) : stripped;
    }
}
