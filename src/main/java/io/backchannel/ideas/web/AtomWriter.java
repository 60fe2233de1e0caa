package io.backchannel.ideas.web;

import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * Writes an Atom feed (RFC 4287) with a streaming XML writer, which escapes every text and attribute. Entry content
 * is either plain text or HTML that was sanitised when it was stored.
 */
final class AtomWriter {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final XMLOutputFactory xml = XMLOutputFactory.newFactory();

    private AtomWriter() {}

    record Entry(
            String id,
            String title,
            String link,
            Instant published,
            Instant updated,
            String author,
            @Nullable String category,
            @Nullable String summary,
            String content,
            boolean html) {}

    static void write(OutputStream out, String self, String alternate, String title, List<Entry> entries)
            throws XMLStreamException {
        XMLStreamWriter atom = xml.createXMLStreamWriter(out, "UTF-8");
        atom.writeStartDocument("UTF-8", "1.0");
        atom.writeStartElement("feed");
        atom.writeDefaultNamespace(ATOM);
        element(atom, "id", self);
        element(atom, "title", title);
        element(
                atom,
                "updated",
                time(entries.stream()
                        .map(Entry::updated)
                        .max(Instant::compareTo)
                        .orElse(Instant.EPOCH)));
        link(atom, "self", self, "application/atom+xml");
        link(atom, "alternate", alternate, "text/html");
        for (var entry : entries) {
            atom.writeStartElement("entry");
            element(atom, "id", entry.id());
            element(atom, "title", entry.title());
            link(atom, "alternate", entry.link(), "text/html");
            element(atom, "published", time(entry.published()));
            element(atom, "updated", time(entry.updated()));
            atom.writeStartElement("author");
            element(atom, "name", entry.author());
            atom.writeEndElement();
            if (entry.category() != null) {
                atom.writeEmptyElement("category");
                atom.writeAttribute("term", entry.category());
            }
            if (entry.summary() != null) {
                element(atom, "summary", entry.summary());
            }
            atom.writeStartElement("content");
            atom.writeAttribute("type", entry.html() ? "html" : "text");
            atom.writeCharacters(entry.content());
            atom.writeEndElement();
            atom.writeEndElement();
        }
        atom.writeEndElement();
        atom.writeEndDocument();
        atom.flush();
    }

    private static void element(XMLStreamWriter atom, String name, String text) throws XMLStreamException {
        atom.writeStartElement(name);
        atom.writeCharacters(text);
        atom.writeEndElement();
    }

    private static void link(XMLStreamWriter atom, String rel, String href, String type) throws XMLStreamException {
        atom.writeEmptyElement("link");
        atom.writeAttribute("rel", rel);
        atom.writeAttribute("href", href);
        atom.writeAttribute("type", type);
    }

    private static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
