package io.backchannel.text;

import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Renders the Markdown subset people may write (paragraphs, emphasis, links, lists, quotes, code) to HTML that is safe
 * to show: raw HTML in the source is escaped, and the result passes an allow-list sanitiser, so scripts, event
 * handlers, {@code javascript:} links and SVG tricks never reach a page.
 */
public final class SafeMarkdown {

    private static final Parser parser = Parser.builder().build();

    private static final HtmlRenderer renderer =
            HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private static final PolicyFactory policy = new HtmlPolicyBuilder()
            .allowElements("p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href")
            .onElements("a")
            .requireRelsOnLinks("nofollow", "noopener", "noreferrer", "ugc")
            .allowAttributes("start")
            .matching(true, "\\d{1,6}")
            .onElements("ol")
            .toFactory();

    private SafeMarkdown() {}

    public static String toHtml(String markdown) {
        Node document = parser.parse(markdown);
        return policy.sanitize(renderer.render(document));
    }
}
