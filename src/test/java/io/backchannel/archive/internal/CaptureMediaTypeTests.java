package io.backchannel.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A capture's content type is recorded as given when it parses, so that a record opens as what it is. */
class CaptureMediaTypeTests {

    @Test
    void keepsAContentTypeThatParses() {
        assertThat(Archive.mediaType("text/markdown; charset=utf-8")).isEqualTo("text/markdown;charset=utf-8");
        assertThat(Archive.mediaType("application/vnd.ipld.dag-cbor")).isEqualTo("application/vnd.ipld.dag-cbor");
    }

    @Test
    void fallsBackToOctetStreamForWhatDoesNotParse() {
        assertThat(Archive.mediaType("")).isEqualTo("application/octet-stream");
        assertThat(Archive.mediaType("text/html\r\nX-Injected: yes")).isEqualTo("application/octet-stream");
        assertThat(Archive.mediaType("garbage<>")).isEqualTo("application/octet-stream");
    }
}
