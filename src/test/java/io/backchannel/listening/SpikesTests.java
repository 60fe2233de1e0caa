package io.backchannel.listening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.identity.Role;
import io.backchannel.listening.internal.SpikeWatch;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Spikes per topic against the topic's own baseline: raised on a burst, not on steady traffic, never twice. */
@IntegrationTest
class SpikesTests extends ListeningIntegrationTest {

    static final Duration WINDOW = Duration.ofMinutes(15);

    @Autowired
    SpikeWatch spikes;

    String topic() {
        return "spike" + marker;
    }

    void burst(int posts, String text) {
        for (int i = 0; i < posts; i++) {
            capture(heard(
                    "b" + i + "-" + UUID.randomUUID(), null, "@c" + i + "@example.social", text + " #" + topic()));
        }
        spikes.check();
    }

    List<String> alerts() {
        return jdbc.sql(
                        "select kind || ':' || coalesce(calmed_at::text, 'open') from listening_spike_alert where topic = ?"
                                + " order by raised_at")
                .param(topic())
                .query(String.class)
                .list();
    }

    /** Seven days of the same number of conversations in every window before the current one. */
    void steadyHistory(int perWindow) {
        Instant end = Instant.now().minus(WINDOW).truncatedTo(ChronoUnit.MINUTES);
        for (int window = 0; window < 7 * 24 * 4; window++) {
            jdbc.sql("insert into listening_topic_minute (topic, minute, volume, negative) values (?, ?, ?, 0)")
                    .params(
                            topic(),
                            Timestamp.from(
                                    end.minus(WINDOW.multipliedBy(window)).minusSeconds(60)),
                            perWindow)
                    .update();
        }
    }

    @Test
    void burstOfNegativeMentionsRaisesOneNegativeAlertForTheTopic() {
        supportByDefault();
        burst(12, "Die App ist kaputt und funktioniert nicht, furchtbar!");
        assertThat(alerts()).containsExactly("NEGATIVE:open");
    }

    @Test
    void steadyTrafficAtTheUsualLevelRaisesNothing() {
        supportByDefault();
        steadyHistory(12);
        burst(12, "What a lovely update, thank you");
        assertThat(alerts()).isEmpty();
    }

    @Test
    void quietTopicWithAFewPostsRaisesNothing() {
        supportByDefault();
        burst(3, "The export is broken again");
        assertThat(alerts()).isEmpty();
    }

    @Test
    void openAlertIsNotRaisedAgainAndIsRaisedAfterItCalmed() {
        supportByDefault();
        burst(12, "The export is broken again");
        burst(12, "The export is still broken");
        spikes.check();
        assertThat(alerts()).containsExactly("NEGATIVE:open");

        // The window moves on: the burst is over, and the alert calms.
        jdbc.sql("delete from listening_topic_minute where topic = ?")
                .param(topic())
                .update();
        spikes.check();
        assertThat(alerts()).singleElement().asString().doesNotEndWith(":open");

        burst(12, "The export is broken once more");
        assertThat(alerts()).hasSize(2).last().isEqualTo("NEGATIVE:open");
    }

    @Test
    void staffSeeAndAcknowledgeAlertsAndCustomersCannot() throws Exception {
        supportByDefault();
        burst(12, "The export is broken again");
        var session = TestAccounts.login(mvc, staffEmail);
        var badge = Jsoup.parse(mvc.perform(get("/workspace/alerts/badge").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(badge.select("#spike-badge .tag").text()).endsWith("open");

        var page = Jsoup.parse(mvc.perform(get("/workspace/alerts").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        var row = page.select("table.spikes tr").stream()
                .filter(tr -> tr.select("td.topic").text().equals("#" + topic()))
                .findFirst()
                .orElseThrow();
        // Checked on arrival as well, the alert may have been raised at the tenth post already.
        assertThat(row.text()).contains("Negativity").containsPattern("1[0-2] new, 1[0-2] negative in 15 minutes");
        String acknowledge = row.select("form").attr("action");

        var customer = TestAccounts.login(mvc, TestAccounts.create(identity, "customer", Role.CUSTOMER));
        mvc.perform(get("/workspace/alerts").session(customer)).andExpect(status().isForbidden());
        mvc.perform(post(acknowledge).session(customer).with(csrf())).andExpect(status().isForbidden());

        mvc.perform(post(acknowledge).session(session).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select acknowledged_by from listening_spike_alert where topic = ?")
                        .param(topic())
                        .query(UUID.class)
                        .single())
                .isEqualTo(staff);
    }
}
