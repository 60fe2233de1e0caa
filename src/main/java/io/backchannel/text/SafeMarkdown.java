package io.backchannel.text;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
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

    private static final PolicyFactory policy = subset().toFactory();

    /** Policies that keep images from one site path, by that path; a site has one or two such paths. */
    private static final Map<String, PolicyFactory> withImages = new ConcurrentHashMap<>();

    private SafeMarkdown() {}

    public static String toHtml(String markdown) {
        return policy.sanitize(render(markdown));
    }

    /**
     * Like {@link #toHtml}, but keeps images whose address is {@code imagePath} (e.g. {@code /blog/images/}) followed by
     * an ID; images from anywhere else, where they could track readers or change behind the text's back, are dropped.
     */
    public static String toHtmlWithImages(String markdown, String imagePath) {
        var policy = withImages.computeIfAbsent(imagePath, path -> subset()
                // An image whose address the attribute policy dropped is left out altogether.
                .allowElements((name, attributes) -> attributes.contains("src") ? name : null, "img")
                .allowAttributes("alt")
                .onElements("img")
                .allowAttributes("src")
                .matching(Pattern.compile(Pattern.quote(path) + "[0-9a-f-]{36}"))
                .onElements("img")
                .toFactory());
        return policy.sanitize(render(markdown));
    }

    private static String render(String markdown) {
        Node document = parser.parse(markdown);
        return renderer.render(document);
    }

    private static HtmlPolicyBuilder subset() {
        return new HtmlPolicyBuilder()
                .allowElements("p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr")
                .allowUrlProtocols("http", "https", "mailto")
                .allowAttributes("href")
                .onElements("a")
                .requireRelsOnLinks("nofollow", "noopener", "noreferrer", "ugc")
                .allowAttributes("start")
                .matching(true, "\\d{1,6}")
                .onElements("ol");
    }
}
