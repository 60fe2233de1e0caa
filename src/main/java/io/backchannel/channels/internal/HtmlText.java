package io.backchannel.channels.internal;

import org.jsoup.Jsoup;

/** Post HTML (Mastodon, ActivityPub) as a person reads it: text only, paragraphs and line breaks kept as new lines. */
public final class HtmlText {

    private HtmlText() {}

    public static String plain(String html) {
        var document = Jsoup.parse(html);
        document.select("br").after("\\n");
        document.select("p").before("\\n\\n");
        return document.text().replace("\\n", "\n").strip().replaceAll("[ \\t]*\\n[ \\t]*", "\n");
    }
}
