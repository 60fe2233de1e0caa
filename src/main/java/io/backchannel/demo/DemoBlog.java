package io.backchannel.demo;

import io.backchannel.text.SafeMarkdown;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo company's blog: published posts in all five categories in English and German, some translated into
 * Spanish, Norwegian and Japanese, a scheduled post, a draft, tags and a few comments. Written straight into the
 * tables (as the editor stores posts), once.
 */
@Component
class DemoBlog {

    private final JdbcClient jdbc;

    DemoBlog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Fills the blog unless the demo posts are there; {@code people} are the demo accounts by login name. */
    void load(Map<String, UUID> people) {
        if (jdbc.sql("select exists (select 1 from blog_post where language = 'en' and slug = 'repair-days')")
                .query(Boolean.class)
                .single()) {
            return;
        }
        Instant now = Instant.now();
        var clara = people.get("clara");
        var pia = people.get("pia");
        var hanna = people.get("hanna");
        var ivan = people.get("ivan");
        var sam = people.get("sam");

        UUID repair = post(new Post("en", "repair-days", "Repair days in every store", "news", clara, days(now, 40))
                .summary("From March, our stores fix broken gear once a month – together with you.")
                .body(
                        """
                        You asked for it on the ideas portal, and it is happening: **once a month**, every Nordwind \
                        store opens its workshop to customers.

                        - bring a torn tent, a broken zip or a worn-out sole
                        - our staff show you how to fix it, spare parts at cost
                        - coffee is on us

                        Dates are on each store's page.""")
                .tags("repair", "sustainability", "stores"));
        post(new Post("de", "reparaturtage", "Reparaturtage in jeder Filiale", "news", clara, days(now, 40))
                .translationOf(repair)
                .summary("Ab März reparieren unsere Filialen einmal im Monat kaputte Ausrüstung – gemeinsam mit Ihnen.")
                .body(
                        """
                        Sie haben es sich im Ideenportal gewünscht, und jetzt kommt es: **Einmal im Monat** öffnet \
                        jede Nordwind-Filiale ihre Werkstatt für Kundinnen und Kunden.

                        - bringen Sie ein gerissenes Zelt, einen kaputten Reißverschluss oder abgelaufene Sohlen mit
                        - unser Team zeigt Ihnen, wie man es repariert, Ersatzteile zum Selbstkostenpreis
                        - der Kaffee geht auf uns""")
                .tags("reparatur", "nachhaltigkeit"));
        post(new Post(
                        "es",
                        "dias-de-reparacion",
                        "Días de reparación en todas las tiendas",
                        "news",
                        clara,
                        days(now, 39))
                .translationOf(repair)
                .summary("A partir de marzo, nuestras tiendas reparan equipo roto una vez al mes, junto con usted.")
                .body("Una vez al mes, cada tienda Nordwind abre su taller a los clientes. Traiga su tienda de "
                        + "campaña rota o su cremallera estropeada: le enseñamos a repararla.")
                .tags("reparación"));
        post(new Post("no", "reparasjonsdager", "Reparasjonsdager i alle butikker", "news", clara, days(now, 39))
                .translationOf(repair)
                .summary("Fra mars reparerer butikkene våre ødelagt utstyr en gang i måneden – sammen med deg.")
                .body("En gang i måneden åpner hver Nordwind-butikk verkstedet sitt for kundene. Ta med et revnet "
                        + "telt eller en ødelagt glidelås, så viser vi deg hvordan du reparerer det.")
                .tags("reparasjon"));
        post(new Post("ja", "repair-days", "全店舗でリペアデーを開催", "news", clara, days(now, 38))
                .translationOf(repair)
                .summary("3月から、毎月1回、店舗で壊れた道具をお客様と一緒に修理します。")
                .body("毎月1回、ノルトヴィントの各店舗が工房をお客様に開放します。破れたテントや壊れたファスナーをお持ちください。" + "修理の方法をスタッフがご案内します。")
                .tags("リペア"));

        UUID spareParts = post(new Post(
                        "de",
                        "ersatzteile-zeltstangen",
                        "Ersatzteile für Zeltstangen: eine Idee wird Wirklichkeit",
                        "ideas-in-action",
                        pia,
                        days(now, 30))
                .summary("Kim schlug vor, einzelne Segmente nachkaufen zu können. Ab sofort geht das.")
                .body(
                        """
                                Vor einem halben Jahr schrieb Kim im Ideenportal: *„Wenn ein Segment bricht, muss ich \
                                das ganze Gestänge kaufen.“* 212 Stimmen später bieten wir **jedes Segment einzeln** an.

                                Danke an alle, die mitdiskutiert haben!""")
                .tags("ideenportal", "ersatzteile", "zelt"));
        post(new Post(
                        "en",
                        "spare-tent-pole-segments",
                        "Spare tent pole segments: an idea comes true",
                        "ideas-in-action",
                        pia,
                        days(now, 29))
                .translationOf(spareParts)
                .summary("Kim suggested buying single pole segments. Now you can.")
                .body("Half a year ago Kim wrote on the ideas portal: *\"When one segment breaks, I have to buy the "
                        + "whole pole set.\"* 212 votes later, **every segment** is sold on its own.")
                .tags("ideas-portal", "spare-parts"));
        post(new Post(
                        "no",
                        "reservedeler-teltstenger",
                        "Reservedeler til teltstenger: en idé blir virkelighet",
                        "ideas-in-action",
                        pia,
                        days(now, 28))
                .translationOf(spareParts)
                .summary("Kim foreslo å kunne kjøpe enkeltsegmenter. Nå går det.")
                .body("Hvert segment selges nå for seg. Takk til alle som diskuterte med oss på idéportalen!"));

        UUID results = post(new Post(
                        "en",
                        "results-q3",
                        "Third quarter: growth through repair",
                        "investor-relations",
                        ivan,
                        days(now, 21))
                .summary("Revenue up 6 %, repair services up 40 %.")
                .body(
                        """
                        | | Q3 | change |
                        |---|---|---|
                        | Revenue | €48.2m | +6 % |
                        | Repair services | €3.1m | +40 % |

                        The full report is available to shareholders.""")
                .tags("results", "quarterly-report"));
        post(new Post(
                        "de",
                        "ergebnis-q3",
                        "Drittes Quartal: Wachstum durch Reparatur",
                        "investor-relations",
                        ivan,
                        days(now, 21))
                .translationOf(results)
                .summary("Umsatz plus 6 %, Reparaturleistungen plus 40 %.")
                .body("Der Umsatz stieg im dritten Quartal auf 48,2 Mio. €, die Reparaturleistungen wuchsen um 40 %.")
                .tags("quartalsbericht"));

        UUID apprentices = post(new Post(
                        "de",
                        "ausbildung-2027",
                        "Ausbildung 2027: Werde Outdoor-Fachkraft",
                        "careers",
                        hanna,
                        days(now, 14))
                .summary("Zwölf Ausbildungsplätze in Handel, Werkstatt und Logistik.")
                .body("Wir suchen **zwölf Auszubildende** für Filialen, Werkstatt und Lager. Bewerbungen bis Ende "
                        + "Januar.")
                .tags("ausbildung", "jobs"));
        post(new Post(
                        "en",
                        "apprenticeships-2027",
                        "Apprenticeships 2027: become an outdoor specialist",
                        "careers",
                        hanna,
                        days(now, 14))
                .translationOf(apprentices)
                .summary("Twelve apprenticeships in retail, workshop and logistics.")
                .body("We are looking for **twelve apprentices** for our stores, workshop and warehouse.")
                .tags("jobs"));
        post(new Post("en", "remote-friday", "A day in the life: our workshop team", "careers", hanna, days(now, 10))
                .summary("What our repair specialists do all day.")
                .body("Meet the people who fix 300 tents a week.")
                .tags("jobs", "workshop"));

        UUID daypack = post(new Post(
                        "en",
                        "backpack-with-daypack",
                        "The backpack with a removable daypack is here",
                        "product",
                        pia,
                        days(now, 5))
                .summary("70 litres for the trip, 20 litres that zip off for day hikes.")
                .body("Two of you suggested it on the ideas portal – Lee in English and María in German. "
                        + "The **Fjell 70+20** is in stores from today.")
                .tags("backpack", "ideas-portal"));
        post(new Post(
                        "de",
                        "rucksack-mit-tagesrucksack",
                        "Der Rucksack mit abnehmbarem Tagesrucksack ist da",
                        "product",
                        pia,
                        days(now, 5))
                .translationOf(daypack)
                .summary("70 Liter für die Reise, 20 Liter zum Abzippen für Tagestouren.")
                .body("Der **Fjell 70+20** ist ab heute in den Filialen.")
                .tags("rucksack"));
        post(new Post("ja", "backpack-with-daypack", "取り外し可能なデイパック付きバックパック", "product", pia, days(now, 4))
                .translationOf(daypack)
                .summary("旅行用70リットル、日帰りハイキング用に取り外せる20リットル。")
                .body("アイデアポータルでのご提案から生まれた「Fjell 70+20」が本日より店頭に並びます。"));
        post(new Post("de", "winterzelte-vorschau", "Vorschau: unsere Winterzelte", "product", pia, days(now, 2))
                .summary("Drei neue Modelle für Schnee und Sturm.")
                .body("Ab November im Handel.")
                .tags("zelt", "winter"));

        post(new Post(
                        "en",
                        "annual-general-meeting",
                        "Invitation to the annual general meeting",
                        "investor-relations",
                        ivan,
                        now.plus(Duration.ofDays(3)))
                .state("SCHEDULED")
                .summary("The agenda and how to vote.")
                .body("The meeting takes place in Hamburg and online."));
        post(new Post("en", "new-store-bergen", "Our first store in Norway", "news", clara, null)
                .state("DRAFT")
                .summary("Draft: not public yet.")
                .body("Bergen, spring 2027."));

        comment(repair, people.get("kim"), null, false, "Super Idee! Wann ist der erste Termin in Hamburg?");
        UUID question = comment(repair, people.get("lee"), null, false, "Can I bring gear from other brands?");
        comment(repair, sam, question, true, "Yes, of course – we repair any brand.");
        comment(daypack, people.get("maria"), null, false, "¡Por fin! Lo compré hoy.");
        comment(spareParts, people.get("nora"), null, false, "Gibt es die Segmente auch für ältere Modelle?");
    }

    private static Instant days(Instant now, int ago) {
        return now.minus(Duration.ofDays(ago));
    }

    private UUID post(Post post) {
        UUID id = jdbc.sql(
                        """
                        insert into blog_post (language, slug, title, summary, body_markdown, body_html, category_id,
                                               author_id, translation_of, translated_from_revision, state, publish_at,
                                               created_at, updated_at)
                        values (:language, :slug, :title, :summary, :markdown, :html,
                                (select id from blog_category where slug = :category), :author, :translationOf,
                                :translatedFrom, :state, :publishAt, coalesce(:publishAt, now()),
                                coalesce(:publishAt, now()))
                        returning id
                        """)
                .param("language", post.language)
                .param("slug", post.slug)
                .param("title", post.title)
                .param("summary", post.summary)
                .param("markdown", post.body)
                .param("html", SafeMarkdown.toHtml(post.body))
                .param("category", post.category)
                .param("author", post.author)
                .param("translationOf", post.translationOf)
                .param("translatedFrom", post.translationOf == null ? null : 1)
                .param("state", post.state)
                .param("publishAt", post.publishAt == null ? null : post.publishAt.atOffset(ZoneOffset.UTC))
                .query(UUID.class)
                .single();
        jdbc.sql(
                        """
                        insert into blog_revision (post_id, revision, title, summary, body_markdown, edited_by, edited_at)
                        select id, revision, title, summary, body_markdown, author_id, created_at from blog_post
                        where id = ?
                        """)
                .param(id)
                .update();
        for (String tag : post.tags) {
            jdbc.sql("insert into blog_post_tag (post_id, tag) values (?, ?)")
                    .params(id, tag)
                    .update();
        }
        return id;
    }

    private UUID comment(UUID post, UUID author, @Nullable UUID parent, boolean staff, String text) {
        return jdbc.sql(
                        """
                        insert into blog_comment (post_id, parent_id, author_id, body_markdown, body_html, staff,
                                                  created_at)
                        values (?, ?, ?, ?, ?, ?, (select publish_at from blog_post where id = ?) + interval '1 day')
                        returning id
                        """)
                .params(post, parent, author, text, SafeMarkdown.toHtml(text), staff, post)
                .query(UUID.class)
                .single();
    }

    /** A post as the demo writes it; published unless told otherwise. */
    private static final class Post {
        final String language;
        final String slug;
        final String title;
        final String category;
        final UUID author;
        final @Nullable Instant publishAt;
        String summary = "";
        String body = "";
        String state = "PUBLISHED";

        @Nullable
        UUID translationOf;

        List<String> tags = List.of();

        Post(String language, String slug, String title, String category, UUID author, @Nullable Instant publishAt) {
            this.language = language;
            this.slug = slug;
            this.title = title;
            this.category = category;
            this.author = author;
            this.publishAt = publishAt;
        }

        Post summary(String summary) {
            this.summary = summary;
            return this;
        }

        Post body(String body) {
            this.body = body;
            return this;
        }

        Post state(String state) {
            this.state = state;
            return this;
        }

        Post translationOf(UUID original) {
            this.translationOf = original;
            return this;
        }

        Post tags(String... tags) {
            this.tags = List.of(tags);
            return this;
        }
    }
}
