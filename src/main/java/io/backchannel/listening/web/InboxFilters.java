package io.backchannel.listening.web;

import io.backchannel.listening.internal.ConversationStatus;
import io.backchannel.listening.internal.InboxQuery;
import io.backchannel.listening.internal.Sentiment;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The inbox's filters as they come in the URL, shared by the page and its CSV export. Anything malformed is read as
 * "any" rather than refused, so an edited URL shows a wider list, never an error.
 *
 * @param scope {@code mine}, {@code teams} (my teams) or {@code all}
 * @param status a status, or {@code any}; the default is open conversations
 */
record InboxFilters(
        @Nullable String scope,
        @Nullable String status,
        @Nullable String team,
        @Nullable String channel,
        @Nullable String language,
        @Nullable String sentiment,
        @Nullable String topic,
        @Nullable String q,
        @Nullable String after) {

    static final int TEXT_MAX = 200;

    static final List<String> SCOPES = List.of("mine", "teams", "all");

    /** The scopes' message keys, spelt out so that the i18n guard finds them. */
    static final String[] SCOPE_KEYS = {"listening.scope.mine", "listening.scope.teams", "listening.scope.all"};

    InboxQuery query(UUID me, List<UUID> myTeams) {
        UUID teamId = uuid(team);
        List<UUID> teams = teamId != null ? List.of(teamId) : "teams".equals(scope()) ? myTeams : null;
        return new InboxQuery(
                "any".equals(status)
                        ? null
                        : ConversationStatus.parse(text(status)).orElse(ConversationStatus.OPEN),
                teams,
                "mine".equals(scope()) ? me : null,
                blankToNull(channel),
                blankToNull(language),
                Sentiment.parse(text(sentiment)).orElse(null),
                blankToNull(topic),
                text(q),
                InboxQuery.Cursor.parse(after));
    }

    /** Without a choice: my teams' conversations when I am in a team, else everyone's. */
    InboxFilters withScope(boolean inATeam) {
        if (scope != null && SCOPES.contains(scope)) {
            return this;
        }
        return new InboxFilters(inATeam ? "teams" : "all", status, team, channel, language, sentiment, topic, q, after);
    }

    private static String text(@Nullable String value) {
        if (value == null) {
            return "";
        }
        String stripped = value.strip();
        return stripped.length() > TEXT_MAX ? stripped.substring(0, TEXT_MAX) : stripped;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        String text = text(value);
        return text.isEmpty() ? null : text;
    }

    static @Nullable UUID uuid(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
