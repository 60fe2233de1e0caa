package io.backchannel.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeMarkdownTests {

    @Test
    void rendersTheSubset() {
        assertThat(SafeMarkdown.toHtml("*a* **b** `c`\n\n- one\n- two\n\n> quote\n\n[link](https://example.org)"))
                .contains("<em>a</em>", "<strong>b</strong>", "<code>c</code>", "<li>one</li>", "<blockquote>")
                .contains("href=\"https://example.org\"")
                .contains("rel=\"");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<script>alert(1)</script>",
                "<img src=x onerror=alert(1)>",
                "[x](javascript:alert(1))",
                "[x](JaVaScRiPt:alert(1))",
                "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                "<svg><script>alert(1)</script></svg>",
                "<a href=\"https://x\" onmouseover=\"alert(1)\">x</a>",
                "<iframe src=\"https://evil.example\"></iframe>",
                "![x](https://evil.example/pixel.png)",
                "<style>body{display:none}</style>",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"
            })
    void neverEmitsActiveContent(String hostile) {
        String html = SafeMarkdown.toHtml(hostile).toLowerCase(java.util.Locale.ROOT);
        assertThat(html)
                .doesNotContain("<script", "<img", "<svg", "<iframe", "<style", "<math", "javascript:", "data:");
        assertThat(html).doesNotContainPattern("<[^>]+\\son\\w+=");
    }

    @Test
    void keepsImagesFromTheGivenSitePathOnly() {
        String id = "0b7e8d5c-3f1a-4c52-9d0e-2a6b8c4f1e77";
        assertThat(SafeMarkdown.toHtmlWithImages("![A tent](/blog/images/" + id + ")", "/blog/images/"))
                .contains("<img src=\"/blog/images/" + id + "\" alt=\"A tent\" />");
        assertThat(SafeMarkdown.toHtml("![A tent](/blog/images/" + id + ")")).doesNotContain("<img");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "![x](https://evil.example/blog/images/0b7e8d5c-3f1a-4c52-9d0e-2a6b8c4f1e77)",
                "![x](//evil.example/blog/images/0b7e8d5c-3f1a-4c52-9d0e-2a6b8c4f1e77)",
                "![x](/blog/images/../../admin/0b7e8d5c-3f1a-4c52-9d0e-2a6b8c4f1e77)",
                "![x](/blog/images/0b7e8d5c-3f1a-4c52-9d0e-2a6b8c4f1e77?track=1)",
                "![x](/ideas/images/0b7e8d5c-3f1a-4c52-9d0e-2a6b8c4f1e77)",
                "![x](javascript:alert(1))",
                "<img src=/blog/images/0b7e8d5c-3f1a-4c52-9d0e-2a6b8c4f1e77 onerror=alert(1)>"
            })
    void dropsImagesFromAnywhereElse(String markdown) {
        assertThat(SafeMarkdown.toHtmlWithImages(markdown, "/blog/images/")).doesNotContain("<img");
    }
}
