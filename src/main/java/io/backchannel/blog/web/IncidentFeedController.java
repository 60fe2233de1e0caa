package io.backchannel.blog.web;

import io.backchannel.blog.internal.IncidentDesk;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * An incident's updates as an Atom feed (RFC 4287), newest first, in the reader's language where the update has it.
 * Written with a streaming XML writer, which escapes every text; the entries' HTML was sanitised when stored.
 */
@Controller
class IncidentFeedController {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final IncidentDesk desk;
    private final MessageSource messages;
    private final String baseUrl;

    IncidentFeedController(
            IncidentDesk desk, MessageSource messages, @Value("${backchannel.base-url}") String baseUrl) {
        this.desk = desk;
        this.messages = messages;
        this.baseUrl = baseUrl;
    }

    @GetMapping("/blog/incidents/{number:\\d+}/feed.atom")
    void feed(@PathVariable long number, HttpServletResponse response, Locale locale) throws IOException {
        var incident = desk.incident(number);
        var timeline = desk.timeline(incident);
        String language = locale.getLanguage();
        String primary = desk.primaryLanguage();
        String page = baseUrl + "/blog/incidents/" + number;
        response.setContentType("application/atom+xml;charset=UTF-8");
        try {
            XMLStreamWriter atom = XML.createXMLStreamWriter(response.getOutputStream(), "UTF-8");
            atom.writeStartDocument("UTF-8", "1.0");
            atom.writeStartElement("feed");
            atom.writeDefaultNamespace(ATOM);
            element(atom, "id", page + "/feed.atom");
            element(atom, "title", incident.text(language, primary).value().title());
            element(atom, "updated", time(incident.updatedAt()));
            link(atom, "self", page + "/feed.atom", "application/atom+xml");
            link(atom, "alternate", page, "text/html");
            for (var update : timeline) {
                var text = update.text(language, primary);
                atom.writeStartElement("entry");
                element(atom, "id", "urn:uuid:" + update.id());
                element(atom, "title", messages.getMessage(update.status().bundleKey(), null, locale));
                link(atom, "alternate", page + "#update-" + update.id(), "text/html");
                element(atom, "published", time(update.postedAt()));
                element(atom, "updated", time(update.postedAt()));
                atom.writeStartElement("author");
                element(atom, "name", update.postedBy());
                atom.writeEndElement();
                atom.writeStartElement("content");
                atom.writeAttribute("type", "html");
                atom.writeAttribute("xml:lang", text.language());
                atom.writeCharacters(text.value().html());
                atom.writeEndElement();
                atom.writeEndElement();
            }
            atom.writeEndElement();
            atom.writeEndDocument();
            atom.flush();
        } catch (XMLStreamException e) {
            throw new IOException("Could not write the feed of incident " + number, e);
        }
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
