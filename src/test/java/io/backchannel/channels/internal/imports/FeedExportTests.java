package io.backchannel.channels.internal.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FeedExportTests {

    final FeedExport format = new FeedExport(JsonMapper.builder().build());
    final List<Capture> captured = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();
    final ImportSink sink = new ImportSink() {
        @Override
        public void capture(Capture capture) {
            captured.add(capture);
        }

        @Override
        public void reject(String where, String reasonKey, Object... arguments) {
            rejected.add(where + " " + reasonKey);
        }
    };

    void read(String name, String content) throws Exception {
        ExportReader reader = format.reader(sink);
        assertThat(reader.order(name)).isNotNegative();
        reader.read(name, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        reader.finish();
    }

    @Test
    void recognisesASingleFeedFileOnly() {
        assertThat(format.recognises(List.of("blog.atom"))).isTrue();
        assertThat(format.recognises(List.of("news.RSS"))).isTrue();
        assertThat(format.recognises(List.of("feed.json"))).isTrue();
        assertThat(format.recognises(List.of("tweets.js"))).isFalse();
        assertThat(format.recognises(List.of("outbox.json"))).isFalse();
        assertThat(format.recognises(List.of("a.xml", "b.xml"))).isFalse();
    }

    @Test
    void everyEntryBecomesAnOwnPostHeldByItsId() throws Exception {
        read(
                "blog.rss",
                """
                <rss version="2.0"><channel><title>Company blog</title><language>en-GB</language>
                  <item><guid>tag:blog,2026:1</guid><title>Launch</title><link>https://blog.example/1</link>
                    <pubDate>Sun, 01 Nov 2026 09:00:00 GMT</pubDate><description>&lt;p&gt;We launched.&lt;/p&gt;</description>
                  </item>
                  <item><title></title></item>
                </channel></rss>""");
        assertThat(captured).singleElement().satisfies(capture -> {
            assertThat(capture.platform()).isEqualTo("feed");
            assertThat(capture.sourceId()).isEqualTo("tag:blog,2026:1");
            assertThat(capture.kind()).isEqualTo(CaptureKind.OWN_POST);
            assertThat(capture.language()).isEqualTo("en");
            assertThat(capture.account()).isEqualTo("Company blog");
            assertThat(capture.text()).isEqualTo("Launch\n\nWe launched.");
            assertThat(capture.url()).isEqualTo("https://blog.example/1");
            assertThat(new String(capture.content(), StandardCharsets.UTF_8)).contains("\"id\":\"tag:blog,2026:1\"");
        });
        assertThat(rejected).containsExactly("blog.rss #2 channels.feed.entry-without-id");
    }

    @Test
    void aHostileFileIsRejectedWithItsReasonNotThrown() throws Exception {
        read(
                "evil.xml",
                """
                <?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <rss version="2.0"><channel><title>&x;</title></channel></rss>""");
        assertThat(captured).isEmpty();
        assertThat(rejected).containsExactly("evil.xml channels.feed.doctype");
    }
}
