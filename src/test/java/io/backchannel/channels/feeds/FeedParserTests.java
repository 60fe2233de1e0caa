package io.backchannel.channels.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backchannel.channels.internal.feeds.FeedParser;
import io.backchannel.channels.internal.feeds.FeedRefused;
import io.backchannel.channels.internal.feeds.ParsedFeed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeedParserTests {

    static ParsedFeed parse(byte[] bytes, String contentType) throws IOException, FeedRefused {
        return FeedParser.parse(new ByteArrayInputStream(bytes), contentType);
    }

    @Test
    void refusesAnEntityBombWithAClearReason() {
        String bomb =
                """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
                <rss version="2.0"><channel><title>&lol3;</title></channel></rss>""";
        assertThatThrownBy(() -> parse(bomb.getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(FeedRefused.class)
                .extracting(e -> ((FeedRefused) e).reasonKey())
                .isEqualTo("channels.feed.doctype");
    }

    @Test
    void refusesAnExternalEntityWithoutFetchingIt() {
        String xxe =
                """
                <?xml version="1.0"?>
                <!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <rss version="2.0"><channel><title>&xxe;</title></channel></rss>""";
        assertThatThrownBy(() -> parse(xxe.getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(FeedRefused.class)
                .hasMessageNotContaining("root:");
    }

    @Test
    void readsAtomWithIdsLinksAndPlainText() throws Exception {
        String atom =
                """
                <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
                  <title>Firmenblog</title><link href="https://blog.example/"/>
                  <entry><id>urn:uuid:1</id><title>Neu &amp; besser</title>
                    <link href="https://blog.example/1"/><updated>2026-11-20T10:00:00Z</updated>
                    <summary type="html">&lt;p&gt;Hallo &lt;script&gt;evil()&lt;/script&gt;Welt&lt;/p&gt;</summary>
                  </entry>
                </feed>""";
        ParsedFeed feed = parse(atom.getBytes(StandardCharsets.UTF_8), "application/atom+xml");
        assertThat(feed.title()).isEqualTo("Firmenblog");
        assertThat(feed.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.key()).isEqualTo("urn:uuid:1");
            assertThat(entry.title()).isEqualTo("Neu & besser");
            assertThat(entry.text()).isEqualTo("Neu & besser\n\nHallo Welt");
            assertThat(entry.published()).isNotNull();
        });
    }

    @Test
    void decodesByTheBomTheDeclarationAndTheHttpCharset() throws Exception {
        String rss = "<?xml version=\"1.0\" encoding=\"%s\"?><rss version=\"2.0\"><channel><title>Grüße €</title>"
                + "<item><guid>a</guid><title>Öl</title></item></channel></rss>";
        byte[] latin = rss.formatted("iso-8859-15").getBytes(Charset.forName("ISO-8859-15"));
        assertThat(parse(latin, null).title()).isEqualTo("Grüße €");
        byte[] utf16 = rss.formatted("utf-16").getBytes(StandardCharsets.UTF_16);
        assertThat(parse(utf16, null).title()).isEqualTo("Grüße €");
        byte[] bom = ("\uFEFF" + rss.formatted("utf-8")).getBytes(StandardCharsets.UTF_8);
        assertThat(parse(bom, "text/xml").entries().getFirst().title()).isEqualTo("Öl");
        byte[] noDeclaration = rss.replaceFirst("<\\?xml[^>]*>", "").getBytes(Charset.forName("windows-1252"));
        assertThat(parse(noDeclaration, "application/rss+xml; charset=windows-1252")
                        .title())
                .isEqualTo("Grüße €");
    }

    @Test
    void readsJsonFeedAndRefusesGarbage() throws Exception {
        String json =
                """
                {"version": "https://jsonfeed.org/version/1.1", "title": "News", "language": "en",
                 "items": [{"id": 7, "url": "https://n.example/7", "content_html": "<b>Big</b> news"},
                           {"url": "https://n.example/8", "content_text": "Plain"}]}""";
        ParsedFeed feed = parse(json.getBytes(StandardCharsets.UTF_8), "application/feed+json");
        assertThat(feed.entries()).extracting(ParsedFeed.Entry::key).containsExactly("7", "https://n.example/8");
        assertThat(feed.entries().getFirst().text()).isEqualTo("Big news");
        assertThatThrownBy(() -> parse("{\"items\": 3}".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(FeedRefused.class);
        assertThatThrownBy(() -> parse("\u0000\u0001garbage<<".getBytes(StandardCharsets.UTF_8), "text/html"))
                .isInstanceOf(FeedRefused.class);
        assertThatThrownBy(() -> parse(new byte[0], null)).isInstanceOf(FeedRefused.class);
        assertThatThrownBy(() -> parse(new byte[FeedParser.MAX_BYTES + 1], null))
                .isInstanceOf(FeedRefused.class)
                .extracting(e -> ((FeedRefused) e).reasonKey())
                .isEqualTo("channels.feed.too-large");
    }
}
