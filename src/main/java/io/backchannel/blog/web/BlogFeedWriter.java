package io.backchannel.blog.web;

import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * Writes the blog's feeds, Atom (RFC 4287) and RSS 2.0, with a streaming XML writer, which escapes every text and
 * attribute. Entry content is HTML that was sanitised when the post was saved; each entry carries its language.
 */
final class BlogFeedWriter {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final String XML = "http://www.w3.org/XML/1998/namespace";
    private static final XMLOutputFactory xml = XMLOutputFactory.newFactory();
    // Characters XML 1.0 cannot carry at all, not even escaped; a title may hold them (pasted control characters).
    private static final Pattern NOT_XML =
            Pattern.compile("[^\\x09\\x0A\\x0D\\x20-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]");

    private BlogFeedWriter() {}

    /** {@code language} is the feed's own language when it has one. */
    record Feed(String self, String alternate, String title, String description, @Nullable String language) {}

    record Entry(
            String link,
            String title,
            String summary,
            String contentHtml,
            String author,
            String category,
            String language,
            Instant published,
            Instant updated) {}

    static void atom(OutputStream out, Feed feed, List<Entry> entries) throws XMLStreamException {
        XMLStreamWriter atom = xml.createXMLStreamWriter(out, "UTF-8");
        atom.writeStartDocument("UTF-8", "1.0");
        atom.writeStartElement("feed");
        atom.writeDefaultNamespace(ATOM);
        if (feed.language() != null) {
            atom.writeAttribute("xml", XML, "lang", feed.language());
        }
        element(atom, "id", feed.self());
        element(atom, "title", feed.title());
        element(atom, "subtitle", feed.description());
        element(atom, "updated", iso(updated(entries)));
        link(atom, "self", feed.self(), "application/atom+xml");
        link(atom, "alternate", feed.alternate(), "text/html");
        for (var entry : entries) {
            atom.writeStartElement("entry");
            atom.writeAttribute("xml", XML, "lang", entry.language());
            element(atom, "id", entry.link());
            element(atom, "title", entry.title());
            link(atom, "alternate", entry.link(), "text/html");
            element(atom, "published", iso(entry.published()));
            element(atom, "updated", iso(entry.updated()));
            atom.writeStartElement("author");
            element(atom, "name", entry.author());
            atom.writeEndElement();
            atom.writeEmptyElement("category");
            atom.writeAttribute("term", xmlText(entry.category()));
            if (!entry.summary().isBlank()) {
                element(atom, "summary", entry.summary());
            }
            atom.writeStartElement("content");
            atom.writeAttribute("type", "html");
            atom.writeCharacters(xmlText(entry.contentHtml()));
            atom.writeEndElement();
            atom.writeEndElement();
        }
        atom.writeEndElement();
        atom.writeEndDocument();
        atom.flush();
    }

    static void rss(OutputStream out, Feed feed, List<Entry> entries) throws XMLStreamException {
        XMLStreamWriter rss = xml.createXMLStreamWriter(out, "UTF-8");
        rss.writeStartDocument("UTF-8", "1.0");
        rss.writeStartElement("rss");
        rss.writeAttribute("version", "2.0");
        rss.writeNamespace("atom", ATOM);
        rss.writeNamespace("dc", DC);
        rss.writeStartElement("channel");
        element(rss, "title", feed.title());
        element(rss, "link", feed.alternate());
        element(rss, "description", feed.description());
        if (feed.language() != null) {
            element(rss, "language", feed.language());
        }
        element(rss, "lastBuildDate", rfc1123(updated(entries)));
        rss.writeEmptyElement("atom", "link", ATOM);
        rss.writeAttribute("rel", "self");
        rss.writeAttribute("href", feed.self());
        rss.writeAttribute("type", "application/rss+xml");
        for (var entry : entries) {
            rss.writeStartElement("item");
            element(rss, "title", entry.title());
            element(rss, "link", entry.link());
            rss.writeStartElement("guid");
            rss.writeAttribute("isPermaLink", "true");
            rss.writeCharacters(entry.link());
            rss.writeEndElement();
            element(rss, "pubDate", rfc1123(entry.published()));
            element(rss, "category", entry.category());
            rss.writeStartElement("dc", "creator", DC);
            rss.writeCharacters(xmlText(entry.author()));
            rss.writeEndElement();
            rss.writeStartElement("dc", "language", DC);
            rss.writeCharacters(entry.language());
            rss.writeEndElement();
            element(rss, "description", entry.contentHtml());
            rss.writeEndElement();
        }
        rss.writeEndElement();
        rss.writeEndElement();
        rss.writeEndDocument();
        rss.flush();
    }

    private static Instant updated(List<Entry> entries) {
        return entries.stream().map(Entry::updated).max(Instant::compareTo).orElse(Instant.EPOCH);
    }

    private static void element(XMLStreamWriter writer, String name, String text) throws XMLStreamException {
        writer.writeStartElement(name);
        writer.writeCharacters(xmlText(text));
        writer.writeEndElement();
    }

    private static void link(XMLStreamWriter atom, String rel, String href, String type) throws XMLStreamException {
        atom.writeEmptyElement("link");
        atom.writeAttribute("rel", rel);
        atom.writeAttribute("href", href);
        atom.writeAttribute("type", type);
    }

    static String xmlText(String text) {
        return NOT_XML.matcher(text).replaceAll("");
    }

    private static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static String rfc1123(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }
}
