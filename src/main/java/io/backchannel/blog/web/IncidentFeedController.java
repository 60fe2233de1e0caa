package io.backchannel.blog.web;

import io.backchannel.blog.internal.IncidentDesk;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import javax.xml.stream.XMLStreamException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * An incident's updates as an Atom feed (RFC 4287), newest first, in the reader's language where the update has it;
 * written by the blog's feed writer, which escapes every text (the entries' HTML was sanitised when stored).
 */
@Controller
class IncidentFeedController {

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
        String language = locale.getLanguage();
        String primary = desk.primaryLanguage();
        String page = baseUrl + "/blog/incidents/" + number;
        var text = incident.text(language, primary);
        String kind = messages.getMessage(incident.kind().bundleKey(), null, locale);
        var entries = desk.timeline(incident).stream()
                .map(update -> {
                    var words = update.text(language, primary);
                    return new BlogFeedWriter.Entry(
                            page + "#update-" + update.id(),
                            messages.getMessage(update.status().bundleKey(), null, locale),
                            "",
                            words.value().html(),
                            update.postedBy(),
                            kind,
                            words.language(),
                            update.postedAt(),
                            update.postedAt());
                })
                .toList();
        response.setContentType("application/atom+xml;charset=UTF-8");
        try {
            BlogFeedWriter.atom(
                    response.getOutputStream(),
                    new BlogFeedWriter.Feed(
                            page + "/feed.atom",
                            page,
                            text.value().title(),
                            text.value().summary(),
                            null),
                    entries);
        } catch (XMLStreamException e) {
            throw new IOException("Could not write the feed of incident " + number, e);
        }
    }
}
