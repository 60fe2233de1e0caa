package io.backchannel.listening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/**
 * The dashboard's figures against a known set: five conversations and four query hits on a channel of their own, on
 * 1 March 2001 (UTC), so nothing else the tests create falls into the period.
 */
@IntegrationTest
class DashboardTests extends ListeningIntegrationTest {

    private String channel;
    private String period;
    private MockHttpSession session;

    @BeforeEach
    void knownConversations() throws Exception {
        channel = "dash" + marker;
        period = "period=custom&from=2001-03-01&to=2001-03-01&channel=" + channel;
        UUID customer = jdbc.sql("insert into listening_customer (channel, handle) values (?, ?) returning id")
                .params(channel, "@dash" + marker)
                .query(UUID.class)
                .single();
        // created, language, sentiment, first responded, first response due, met, resolution due, met, status, team
        conversation(customer, "09:10", "en", "POSITIVE", "09:20", null, true, null, true, "RESOLVED", support);
        conversation(
                customer, "09:40", "en", "NEGATIVE", "10:10", null, false, "2001-03-02T00:00Z", null, "OPEN", support);
        conversation(customer, "11:05", "de", "NEUTRAL", "11:25", null, true, null, null, "OPEN", null);
        conversation(customer, "11:30", "de", "UNCLEAR", null, "2001-03-01T12:00Z", null, null, null, "OPEN", null);
        conversation(customer, "14:00", "fr", "UNCLEAR", null, null, null, null, null, "OPEN", null);
        UUID brand = query("Brand" + marker, "BRAND");
        UUID rivalA = query("RivalA" + marker, "COMPETITOR");
        query("RivalB" + marker, "COMPETITOR");
        hit(brand, "08:00");
        hit(brand, "12:00");
        hit(brand, "23:59");
        hit(rivalA, "10:00");
        hit(rivalA, "2001-03-02T00:00Z"); // the next day: outside the period
        session = TestAccounts.login(mvc, staffEmail);
    }

    @AfterEach
    void removeQueries() {
        jdbc.sql("delete from listening_query_hit where channel = ?")
                .param(channel)
                .update();
        jdbc.sql("delete from listening_query where name like ?")
                .param("%" + marker)
                .update();
    }

    @Test
    void showsExactFiguresForTheKnownPeriodInAccessibleTables() throws Exception {
        var page = page("/workspace/dashboard?" + period);

        var volume = rows(page, "table:has(caption:contains(per hour))");
        assertThat(volume).hasSize(24);
        assertThat(volume.get(9)).isEqualTo("2001-03-01 09:00 2");
        assertThat(volume.get(11)).isEqualTo("2001-03-01 11:00 2");
        assertThat(volume.get(14)).isEqualTo("2001-03-01 14:00 1");
        assertThat(volume.get(10)).isEqualTo("2001-03-01 10:00 0");

        assertThat(rows(page, "table.sentiment"))
                .containsExactly("Positive 1 20.0 %", "Neutral 1 20.0 %", "Negative 1 20.0 %", "Unclear 2 40.0 %");
        assertThat(rows(page, "table.languages")).containsExactly("de 2 40.0 %", "en 2 40.0 %", "fr 1 20.0 %");
        assertThat(rows(page, "table.share-of-voice"))
                .contains(
                        "Brand" + marker + " Brand 3 75.0 %",
                        "RivalA" + marker + " Competitor 1 25.0 %",
                        "RivalB" + marker + " Competitor 0 0.0 %");
        assertThat(rows(page, "table.response-times"))
                .containsExactly(
                        "Answered conversations 3", "Median first response 20.0 min", "90 % answered within 28.0 min");
        assertThat(rows(page, "table.targets")).containsExactly("First response 2 4 50.0 %", "Resolution 1 2 50.0 %");
        assertThat(page.select("table caption")).hasSizeGreaterThanOrEqualTo(6);

        var support = page("/workspace/dashboard?" + period + "&team=" + this.support);
        assertThat(rows(support, "table.sentiment"))
                .containsExactly("Positive 1 50.0 %", "Neutral 0 0.0 %", "Negative 1 50.0 %", "Unclear 0 0.0 %");

        var panels = page("/workspace/dashboard/panels?" + period);
        var refreshing = panels.selectFirst("#dashboard-panels");
        assertThat(refreshing.attr("hx-trigger")).isEqualTo("every 30s");
        assertThat(refreshing.attr("hx-get")).contains("/workspace/dashboard/panels?", "channel=" + channel);
        assertThat(panels.select("nav, h1")).isEmpty();
    }

    @Test
    void exportsEveryPanelAsCsv() throws Exception {
        assertThat(csv("volume")).contains("hour,conversations", "2001-03-01T09:00,2", "2001-03-01T14:00,1");
        assertThat(csv("sentiment"))
                .containsExactly(
                        "sentiment,conversations,percent",
                        "POSITIVE,1,20.0",
                        "NEUTRAL,1,20.0",
                        "NEGATIVE,1,20.0",
                        "UNCLEAR,2,40.0");
        assertThat(csv("languages"))
                .containsExactly("language,conversations,percent", "de,2,40.0", "en,2,40.0", "fr,1,20.0");
        assertThat(csv("share-of-voice"))
                .contains(
                        "query,kind,posts,percent",
                        "Brand" + marker + ",BRAND,3,75.0",
                        "RivalA" + marker + ",COMPETITOR,1,25.0");
        assertThat(csv("response-times")).containsExactly("answered,median_minutes,p90_minutes", "3,20.0,28.0");
        assertThat(csv("targets"))
                .containsExactly("target,met,decided,percent", "first_response,2,4,50.0", "resolution,1,2,50.0");
        mvc.perform(get("/workspace/dashboard/nonsense.csv").session(session)).andExpect(status().isNotFound());
    }

    @Test
    void malformedChoicesFallBackToSevenDaysWithAMessage() throws Exception {
        var garbage = page("/workspace/dashboard?period=custom&from=yesterday&to=<script>&team=x&channel=<b>");
        assertThat(garbage.select("#period-error").text()).contains("Showing the last 7 days");
        assertThat(garbage.select("table:has(caption:contains(per day)) tbody tr"))
                .hasSize(7);
        var tooLong = page("/workspace/dashboard?period=custom&from=2001-01-01&to=2003-01-01");
        assertThat(tooLong.select("#period-error").text()).contains("at most a year");
        var today = page("/workspace/dashboard?period=today&q=" + "x".repeat(10_000));
        assertThat(today.select("table:has(caption:contains(per hour)) tbody tr"))
                .hasSize(24);
        assertThat(page("/workspace/dashboard?period=30d").select("table:has(caption:contains(per day)) tbody tr"))
                .hasSize(30);
    }

    private void conversation(
            UUID customer,
            String created,
            String language,
            String sentiment,
            @Nullable String responded,
            @Nullable String firstDue,
            @Nullable Boolean firstMet,
            @Nullable String resolutionDue,
            @Nullable Boolean resolutionMet,
            String status,
            @Nullable UUID team) {
        jdbc.sql(
                        """
                        insert into listening_conversation (connector_id, channel, customer_id, subject, language,
                            sentiment, created_at, last_message_at, first_responded_at, first_response_due,
                            first_response_met, resolution_due, resolution_met, status, team_id)
                        values (?, ?, ?, 'Known', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        connector,
                        channel,
                        customer,
                        language,
                        sentiment,
                        at(created),
                        at(created),
                        responded == null ? null : at(responded),
                        firstDue == null ? null : at(firstDue),
                        firstMet,
                        resolutionDue == null ? null : at(resolutionDue),
                        resolutionMet,
                        status,
                        team)
                .update();
    }

    private UUID query(String name, String kind) {
        return jdbc.sql("insert into listening_query (name, expression, kind) values (?, 'dash', ?) returning id")
                .params(name, kind)
                .query(UUID.class)
                .single();
    }

    private void hit(UUID query, String at) {
        jdbc.sql(
                        """
                        insert into listening_query_hit (query_id, kind, post_id, channel, language, sentiment, at)
                        select id, kind, gen_random_uuid(), ?, 'en', 'NEUTRAL', ? from listening_query where id = ?
                        """)
                .params(channel, at(at), query)
                .update();
    }

    /** A time on 1 March 2001 (UTC) as "HH:mm", or a full timestamp. */
    private static OffsetDateTime at(String time) {
        return OffsetDateTime.parse(time.length() == 5 ? "2001-03-01T" + time + "Z" : time.replace("Z", ":00Z"));
    }

    private static List<String> rows(Document page, String table) {
        return page.select(table + " tbody tr").eachText();
    }

    private List<String> csv(String panel) throws Exception {
        return mvc.perform(
                        get("/workspace/dashboard/" + panel + ".csv?" + period).session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString()
                .lines()
                .toList();
    }

    private Document page(String url) throws Exception {
        return Jsoup.parse(mvc.perform(get(url).session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }
}
