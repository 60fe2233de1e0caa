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
}
