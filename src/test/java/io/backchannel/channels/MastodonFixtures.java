package io.backchannel.channels;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Recorded-style Mastodon API entities (Status, Account, Notification) as the API documents them. */
final class MastodonFixtures {

    private MastodonFixtures() {}

    static String account(String acct, String displayName) {
        return """
                {"id": "1090%d", "username": "%s", "acct": "%s", "display_name": "%s", "locked": false,
                 "bot": false, "created_at": "2024-03-01T00:00:00.000Z", "note": "<p></p>",
                 "url": "https://social.example/@%s", "avatar": "https://social.example/a.png",
                 "followers_count": 12, "following_count": 30, "statuses_count": 200}"""
                .formatted(Math.abs(acct.hashCode() % 1000), acct.replaceAll("@.*", ""), acct, displayName, acct);
    }

    static String status(String id, String acct, String html, String language, String visibility, String inReplyTo) {
        return """
                {"id": "%s", "created_at": "2026-11-22T09:15:30.000Z",
                 "in_reply_to_id": %s, "in_reply_to_account_id": null, "sensitive": false, "spoiler_text": "",
                 "visibility": "%s", "language": "%s",
                 "uri": "https://social.example/users/x/statuses/%s", "url": "https://social.example/@x/%s",
                 "replies_count": 0, "reblogs_count": 0, "favourites_count": 0, "edited_at": null,
                 "content": "%s", "reblog": null,
                 "application": {"name": "Web", "website": null},
                 "account": %s,
                 "media_attachments": [], "mentions": [], "tags": [], "emojis": [], "card": null, "poll": null}"""
                .formatted(
                        id,
                        inReplyTo == null ? "null" : "\"" + inReplyTo + "\"",
                        visibility,
                        language,
                        id,
                        id,
                        html.replace("\\", "\\\\").replace("\"", "\\\""),
                        account(acct, acct.replaceAll("@.*", "") + " Name"));
    }

    static String status(String id, String acct, String html) {
        return status(id, acct, html, "en", "public", null);
    }

    static String mention(String notificationId, String status) {
        return """
                {"id": "%s", "type": "mention", "created_at": "2026-11-22T09:15:31.000Z",
                 "account": %s, "status": %s}"""
                .formatted(notificationId, account("kunde@other.example", "Kunde"), status);
    }

    static String favourite(String notificationId, String status) {
        return """
                {"id": "%s", "type": "favourite", "created_at": "2026-11-22T09:16:00.000Z",
                 "account": %s, "status": %s}"""
                .formatted(notificationId, account("fan@other.example", "Fan"), status);
    }

    static String array(String... items) {
        return "[" + String.join(",", items) + "]";
    }

    /** {@code count} mentions with notification ids from {@code first} upwards, newest first as Mastodon orders them. */
    static String mentions(int first, int count) {
        return IntStream.range(0, count)
                .map(i -> first + count - 1 - i)
                .mapToObj(n ->
                        mention(Integer.toString(n), status("11" + n, "kunde@other.example", "<p>Nr " + n + "</p>")))
                .collect(Collectors.joining(",", "[", "]"));
    }

    static String search(String... statuses) {
        return "{\"accounts\": [], \"statuses\": " + array(statuses) + ", \"hashtags\": []}";
    }
}
