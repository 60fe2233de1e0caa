package io.backchannel.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Atom and RSS feeds and the sitemap: well-formed XML, filtered, in the posts' languages, without hidden posts. */
@IntegrationTest
class BlogFeedTests {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String XML = "http://www.w3.org/XML/1998/namespace";
    static final String DC = "http://purl.org/dc/elements/1.1/";
    static final String SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static final String XHTML = "http://www.w3.org/1999/xhtml";
    static final String BASE = "http://localhost:8080";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdentityManagement identity;

    BlogFixtures posts;
    String m;
    UUID original;

    @BeforeEach
    void story() {
        String email = TestAccounts.create(identity, "feeds", Role.STAFF);
        posts = new BlogFixtures(jdbc, TestAccounts.id(jdbc, email));
        m = BlogFixtures.marker();
        original = posts.post("en", "feed-" + m, "Feed story " + m + " <b>&amp;</b> \u0001")
                .category("careers")
                .body("Body of " + m)
                .summary("Summary " + m)
                .save();
        posts.post("de", "feed-de-" + m, "Feed-Geschichte " + m)
                .category("careers")
                .translationOf(original)
                .save();
        posts.post("en", "feed-draft-" + m, "Draft " + m).state("DRAFT").save();
        posts.post("en", "feed-later-" + m, "Scheduled " + m)
                .state("SCHEDULED")
                .at(Instant.now().plusSeconds(3600))
                .save();
    }

    @Test
    void atomFeedIsWellFormedFilteredAndTellsEachEntrysLanguage() throws Exception {
        Document all = xml(get("/blog/feed.atom"), "application/atom+xml");
        assertThat(all.getDocumentElement().getNamespaceURI()).isEqualTo(ATOM);
        List<String> titles = texts(all.getElementsByTagNameNS(ATOM, "entry"), ATOM, "title");
        assertThat(titles).contains("Feed story " + m + " <b>&amp;</b> ", "Feed-Geschichte " + m);
        assertThat(titles).doesNotContain("Draft " + m, "Scheduled " + m);
        assertThat(titles.size()).isLessThanOrEqualTo(50);
        Element entry = entry(all, "Feed story " + m);
        assertThat(entry.getAttributeNS(XML, "lang")).isEqualTo("en");
        assertThat(child(entry, ATOM, "id").getTextContent()).isEqualTo(BASE + "/blog/en/feed-" + m);
        assertThat(child(entry, ATOM, "content").getAttribute("type")).isEqualTo("html");
        assertThat(child(entry, ATOM, "content").getTextContent()).contains("Body of " + m);
        assertThat(child(entry, ATOM, "summary").getTextContent()).isEqualTo("Summary " + m);
        assertThat(child(all.getDocumentElement(), ATOM, "id").getTextContent()).isEqualTo(BASE + "/blog/feed.atom");

        Document german = xml(get("/blog/feed.atom").param("language", "de"), "application/atom+xml");
        assertThat(german.getDocumentElement().getAttributeNS(XML, "lang")).isEqualTo("de");
        NodeList entries = german.getElementsByTagNameNS(ATOM, "entry");
        assertThat(entries.getLength()).isPositive();
        for (int i = 0; i < entries.getLength(); i++) {
            assertThat(((Element) entries.item(i)).getAttributeNS(XML, "lang")).isEqualTo("de");
        }
        assertThat(texts(entries, ATOM, "title")).contains("Feed-Geschichte " + m);

        Document careers = xml(get("/blog/feed.atom").param("category", "careers"), "application/atom+xml");
        NodeList categories = careers.getElementsByTagNameNS(ATOM, "category");
        for (int i = 0; i < categories.getLength(); i++) {
            assertThat(((Element) categories.item(i)).getAttribute("term")).isEqualTo("careers");
        }
        assertThat(xml(get("/blog/feed.atom").param("category", "news"), "application/atom+xml")
                        .getElementsByTagNameNS(ATOM, "entry"))
                .satisfies(list -> assertThat(texts(list, ATOM, "title")).doesNotContain("Feed-Geschichte " + m));
        assertThat(response(get("/blog/feed.atom").param("language", "<x>")).getStatus())
                .isEqualTo(404);
    }

    @Test
    void rssFeedIsWellFormedWithLanguages() throws Exception {
        Document rss =
                xml(get("/blog/feed.rss").param("language", "de").param("category", "careers"), "application/rss+xml");
        Element root = rss.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("rss");
        assertThat(root.getAttribute("version")).isEqualTo("2.0");
        Element channel = child(root, null, "channel");
        assertThat(child(channel, null, "language").getTextContent()).isEqualTo("de");
        assertThat(child(channel, null, "title").getTextContent()).contains("Careers", "Deutsch");
        NodeList items = rss.getElementsByTagName("item");
        assertThat(texts(items, null, "title")).contains("Feed-Geschichte " + m).doesNotContain("Feed story " + m);
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            assertThat(child(item, DC, "language").getTextContent()).isEqualTo("de");
            assertThat(child(item, null, "pubDate").getTextContent()).matches("\\w{3}, \\d{1,2} \\w{3} \\d{4} .*GMT");
            assertThat(child(item, null, "guid").getTextContent()).startsWith(BASE + "/blog/de/");
        }

        Document everything = xml(get("/blog/feed.rss"), "application/rss+xml");
        assertThat(everything.getElementsByTagName("language").getLength()).isZero();
        assertThat(texts(everything.getElementsByTagName("item"), null, "title"))
                .contains("Feed story " + m + " <b>&amp;</b> ");
    }

    @Test
    void sitemapListsEveryPublicPostWithItsTranslations() throws Exception {
        Document map = xml(get("/sitemap.xml"), "application/xml");
        assertThat(map.getDocumentElement().getNamespaceURI()).isEqualTo(SITEMAP);
        List<String> locs = new ArrayList<>();
        NodeList urls = map.getElementsByTagNameNS(SITEMAP, "url");
        Element english = null;
        for (int i = 0; i < urls.getLength(); i++) {
            Element url = (Element) urls.item(i);
            String loc = child(url, SITEMAP, "loc").getTextContent();
            locs.add(loc);
            if (loc.equals(BASE + "/blog/en/feed-" + m)) {
                english = url;
            }
        }
        assertThat(locs).contains(BASE + "/", BASE + "/blog", BASE + "/blog/de/feed-de-" + m);
        assertThat(locs).doesNotContain(BASE + "/blog/en/feed-draft-" + m, BASE + "/blog/en/feed-later-" + m);
        assertThat(english).isNotNull();
        assertThat(child(english, SITEMAP, "lastmod").getTextContent()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        NodeList alternates = english.getElementsByTagNameNS(XHTML, "link");
        List<String> languages = new ArrayList<>();
        for (int i = 0; i < alternates.getLength(); i++) {
            Element link = (Element) alternates.item(i);
            languages.add(link.getAttribute("hreflang") + " " + link.getAttribute("href"));
        }
        assertThat(languages)
                .containsExactly(
                        "en " + BASE + "/blog/en/feed-" + m,
                        "de " + BASE + "/blog/de/feed-de-" + m,
                        "x-default " + BASE + "/blog/en/feed-" + m);
    }

    static Document xml(MockHttpServletRequestBuilder request, MockMvc mvc, String type) throws Exception {
        var response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith(type);
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.getContentAsByteArray()));
    }

    private Document xml(MockHttpServletRequestBuilder request, String type) throws Exception {
        return xml(request, mvc, type);
    }

    private MockHttpServletResponse response(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private static Element entry(Document feed, String titleStart) {
        NodeList entries = feed.getElementsByTagNameNS(ATOM, "entry");
        for (int i = 0; i < entries.getLength(); i++) {
            Element entry = (Element) entries.item(i);
            if (child(entry, ATOM, "title").getTextContent().startsWith(titleStart)) {
                return entry;
            }
        }
        throw new AssertionError("no entry " + titleStart);
    }

    private static List<String> texts(NodeList elements, String namespace, String name) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < elements.getLength(); i++) {
            texts.add(child((Element) elements.item(i), namespace, name).getTextContent());
        }
        return texts;
    }

    private static Element child(Element parent, String namespace, String name) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element
                    && name.equals(element.getLocalName() == null ? element.getTagName() : element.getLocalName())
                    && java.util.Objects.equals(namespace, element.getNamespaceURI())) {
                return element;
            }
        }
        throw new AssertionError("no " + name + " in " + parent.getTagName());
    }
}
