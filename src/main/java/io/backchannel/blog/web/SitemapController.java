package io.backchannel.blog.web;

import io.backchannel.blog.internal.BlogReader;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /sitemap.xml} (sitemaps.org 0.9): the start page, the blog and every public post, each post with its
 * translations as {@code xhtml:link} alternates and its original as {@code x-default}.
 */
@Controller
class SitemapController {

    private static final String SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final String XHTML = "http://www.w3.org/1999/xhtml";
    private static final XMLOutputFactory xml = XMLOutputFactory.newFactory();

    private final BlogReader reader;
    private final BlogLinks links;

    SitemapController(BlogReader reader, BlogLinks links) {
        this.reader = reader;
        this.links = links;
    }

    @GetMapping("/sitemap.xml")
    void sitemap(HttpServletResponse response) throws IOException {
        var stories = reader.sitemap(Instant.now());
        response.setContentType("application/xml;charset=UTF-8");
        try {
            XMLStreamWriter map = xml.createXMLStreamWriter(response.getOutputStream(), "UTF-8");
            map.writeStartDocument("UTF-8", "1.0");
            map.writeStartElement("urlset");
            map.writeDefaultNamespace(SITEMAP);
            map.writeNamespace("xhtml", XHTML);
            url(map, links.page("/", null), null);
            url(
                    map,
                    links.page("/blog", null),
                    stories.stream()
                            .flatMap(List::stream)
                            .map(BlogReader.SitemapPost::updated)
                            .max(Instant::compareTo)
                            .orElse(null));
            for (var story : stories) {
                for (var post : story) {
                    map.writeStartElement("url");
                    text(map, "loc", links.post(post.language(), post.slug()));
                    text(map, "lastmod", DateTimeFormatter.ISO_INSTANT.format(post.updated()));
                    for (var translation : story) {
                        alternate(map, translation.language(), translation);
                    }
                    alternate(map, "x-default", story.getFirst());
                    map.writeEndElement();
                }
            }
            map.writeEndElement();
            map.writeEndDocument();
            map.flush();
        } catch (XMLStreamException e) {
            throw new IOException("Could not write the sitemap", e);
        }
    }

    private void alternate(XMLStreamWriter map, String hreflang, BlogReader.SitemapPost post)
            throws XMLStreamException {
        map.writeEmptyElement("xhtml", "link", XHTML);
        map.writeAttribute("rel", "alternate");
        map.writeAttribute("hreflang", hreflang);
        map.writeAttribute("href", links.post(post.language(), post.slug()));
    }

    private static void url(XMLStreamWriter map, String loc, @Nullable Instant modified) throws XMLStreamException {
        map.writeStartElement("url");
        text(map, "loc", loc);
        if (modified != null) {
            text(map, "lastmod", DateTimeFormatter.ISO_INSTANT.format(modified));
        }
        map.writeEndElement();
    }

    private static void text(XMLStreamWriter map, String name, String value) throws XMLStreamException {
        map.writeStartElement(name);
        map.writeCharacters(value);
        map.writeEndElement();
    }
}
