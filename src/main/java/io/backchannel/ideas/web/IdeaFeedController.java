package io.backchannel.ideas.web;

import io.backchannel.ideas.IdeaStatus;
import io.backchannel.ideas.internal.IdeaFinder;
import io.backchannel.ideas.internal.IdeaQuery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Atom feeds (RFC 4287) of the idea list, with the same sort and filters as the page. Written with a streaming XML
 * writer, which escapes every text and attribute; entry content is the already sanitised HTML.
 */
@Controller
class IdeaFeedController {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final XMLOutputFactory xml = XMLOutputFactory.newFactory();

    private final IdeaFinder finder;
    private final MessageSource messages;
    private final String baseUrl;

    IdeaFeedController(IdeaFinder finder, MessageSource messages, @Value("${backchannel.base-url}") String baseUrl) {
        this.finder = finder;
        this.messages = messages;
        this.baseUrl = baseUrl;
    }

    @GetMapping("/ideas/feed.atom")
    void feed(
            @RequestParam(defaultValue = "NEW") IdeaQuery.Sort sort,
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable IdeaStatus status,
            @RequestParam(defaultValue = "") String q,
            HttpServletRequest request,
            HttpServletResponse response,
            Locale locale)
            throws IOException {
        var entries = finder.feed(IdeaLists.query(sort, category, status, q, false, false, null));
        String self = UriComponentsBuilder.fromUriString(baseUrl)
                .path("/ideas/feed.atom")
                .query(request.getQueryString())
                .build()
                .toUriString();
        response.setContentType("application/atom+xml;charset=UTF-8");
        try {
            write(
                    response.getOutputStream(),
                    self,
                    messages.getMessage("ideas.feed.title", null, locale),
                    entries,
                    locale);
        } catch (XMLStreamException e) {
            throw new IOException("Could not write the ideas feed", e);
        }
    }

    private void write(OutputStream out, String self, String title, List<IdeaFinder.FeedEntry> entries, Locale locale)
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
                        .map(IdeaFinder.FeedEntry::updated)
                        .max(Instant::compareTo)
                        .orElse(Instant.EPOCH)));
        link(atom, "self", self, "application/atom+xml");
        link(atom, "alternate", baseUrl + "/ideas", "text/html");
        for (var entry : entries) {
            String url = baseUrl + "/ideas/" + entry.number();
            atom.writeStartElement("entry");
            element(atom, "id", url);
            element(atom, "title", entry.title());
            link(atom, "alternate", url, "text/html");
            element(atom, "published", time(entry.published()));
            element(atom, "updated", time(entry.updated()));
            atom.writeStartElement("author");
            element(atom, "name", entry.author());
            atom.writeEndElement();
            atom.writeEmptyElement("category");
            atom.writeAttribute("term", entry.category());
            element(
                    atom,
                    "summary",
                    messages.getMessage("ideas.status." + entry.status().name(), null, locale));
            atom.writeStartElement("content");
            atom.writeAttribute("type", "html");
            atom.writeCharacters(entry.bodyHtml());
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
