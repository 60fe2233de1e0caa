package io.backchannel.listening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.identity.Role;
import io.backchannel.listening.internal.BusinessHours;
import io.backchannel.listening.internal.ResponseTargets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Response targets: due times on arrival, cleared by an answer, warnings and breaches listed and mailed. */
@IntegrationTest
class ResponseTargetsTests extends ListeningIntegrationTest {

    /** Every day, all day: due times are plain arithmetic, whatever the day the test runs. */
    static final BusinessHours ALWAYS = new BusinessHours(
            EnumSet.allOf(DayOfWeek.class), LocalTime.MIN, LocalTime.of(23, 59, 59), ZoneOffset.UTC, Set.of());

    @Autowired
    ResponseTargets targets;

    @Test
    void newConversationIsDueByTheTeamsTargetsAndAnAnswerClearsTheFirstResponse() throws Exception {
        targets.save(support, new ResponseTargets.Targets(60, 30, 600, 10, ALWAYS));
        supportByDefault();
        Instant before = Instant.now();
        UUID conversation = capture(heard("t-" + marker, null, "@quinn", "Is my order on its way to me yet?"));
        Instant firstDue = Instant.parse(column(
                conversation, "to_char(first_response_due at time zone 'UTC'," + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"));
        assertThat(Duration.between(before, firstDue)).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
        assertThat(column(conversation, "resolution_due")).isNotNull();

        var session = TestAccounts.login(mvc, staffEmail);
        mvc.perform(post("/workspace/inbox/" + conversation + "/reply")
                .session(session)
                .with(csrf())
                .param("text", "Yes, tomorrow."));
        assertThat(column(conversation, "first_response_due")).isNull();
        assertThat(column(conversation, "first_responded_at")).isNotNull();
        assertThat(column(conversation, "first_response_met"))
                .as("kept for the dashboard")
                .isEqualTo("true");

        String ourReply = jdbc.sql(
                        "select id::text from listening_message where conversation_id = ? and kind = 'REPLY'")
                .param(conversation)
                .query(String.class)
                .single();
        jdbc.sql("update listening_message set external_id = ? where id = ?::uuid")
                .params("our-" + marker, ourReply)
                .update();
        capture(heard("t2-" + marker, "our-" + marker, "@quinn", "Thanks, and what about the invoice?"));
        assertThat(column(conversation, "next_response_due")).isNotNull();
    }

    @Test
    void checkMarksWarningsAndBreachesListsThemAndMailsTheTeam() throws Exception {
        targets.save(support, new ResponseTargets.Targets(60, 30, 600, 15, ALWAYS));
        supportByDefault();
        UUID soon = capture(heard("w-" + marker, null, "@rosa", "Warning soon please " + marker));
        UUID late = capture(heard("b-" + marker, null, "@sven", "Breached already please " + marker));
        jdbc.sql("update listening_conversation set first_response_due = now() + interval '5 minutes' where id = ?")
                .param(soon)
                .update();
        jdbc.sql("update listening_conversation set first_response_due = now() - interval '5 minutes' where id = ?")
                .param(late)
                .update();

        targets.check();
        assertThat(column(soon, "sla_state")).isEqualTo("WARNING");
        assertThat(column(late, "sla_state")).isEqualTo("BREACHED");
        targets.check();

        var subjects = jdbc.sql("select subject from system_mail where recipient = ? order by subject")
                .param(staffEmail)
                .query(String.class)
                .list();
        assertThat(subjects)
                .as("one mail each, however often the check runs")
                .containsExactly(
                        "Response due soon: Warning soon please " + marker,
                        "Response target missed: Breached already please " + marker);

        var session = TestAccounts.login(mvc, staffEmail);
        var alerts = Jsoup.parse(mvc.perform(get("/workspace/inbox/alerts").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(alerts.select(".alerts li").eachText())
                .anyMatch(text -> text.contains("Overdue") && text.contains("Breached already"))
                .anyMatch(text -> text.contains("Due soon") && text.contains("Warning soon"));
        var inbox = Jsoup.parse(
                mvc.perform(get("/workspace/inbox?scope=all&q=" + marker).session(session))
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(inbox.select("table.inbox .tag.sla").eachText()).containsExactlyInAnyOrder("Due soon", "Overdue");

        mvc.perform(
                post("/workspace/inbox/" + late + "/resolve").session(session).with(csrf()));
        assertThat(column(late, "sla_state")).isEqualTo("OK");
        assertThat(column(late, "resolution_due")).isNull();
        // Resolved in time but never answered after its first response was due: kept for the dashboard.
        assertThat(column(late, "resolution_met")).isEqualTo("true");
        assertThat(column(late, "first_response_met")).isEqualTo("false");
        assertThat(column(late, "resolved_at")).isNotNull();
    }

    @Test
    void targetsFormRefusesBadValuesNextToTheirFields() throws Exception {
        var admin = TestAccounts.login(mvc, TestAccounts.create(identity, "admin", Role.ADMIN));
        String url = "/admin/inbox/teams/" + support + "/targets";
        mvc.perform(get(url).session(admin)).andExpect(status().isOk());
        var page = Jsoup.parse(mvc.perform(post(url)
                        .session(admin)
                        .with(csrf())
                        .param("firstResponse", "0")
                        .param("nextResponse", "abc")
                        .param("resolution", "")
                        .param("warn", "-1")
                        .param("weekdays", "9")
                        .param("start", "25:00")
                        .param("end", "<script>")
                        .param("zone", "Mars/Olympus")
                        .param("holidays", "2026-13-45"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        for (String field : new String[] {
            "firstResponse", "nextResponse", "resolution", "warn", "weekdays", "start", "end", "zone", "holidays"
        }) {
            assertThat(page.select("#" + field + "-error")).as(field).isNotEmpty();
        }
        assertThat(targets.targets(support)).isEmpty();

        mvc.perform(post(url)
                        .session(admin)
                        .with(csrf())
                        .param("firstResponse", "60")
                        .param("nextResponse", "120")
                        .param("resolution", "2880")
                        .param("warn", "15")
                        .param("weekdays", "1", "2", "3", "4", "5")
                        .param("start", "09:00")
                        .param("end", "17:30")
                        .param("zone", "Europe/Berlin")
                        .param("holidays", "2026-12-24, 2026-12-31"))
                .andExpect(status().is3xxRedirection());
        var saved = targets.targets(support).orElseThrow();
        assertThat(saved.hours().holidays()).hasSize(2);
        assertThat(saved.hours().end()).isEqualTo(LocalTime.of(17, 30));

        var staffSession = TestAccounts.login(mvc, staffEmail);
        mvc.perform(get(url).session(staffSession)).andExpect(status().isForbidden());
        mvc.perform(get("/admin/inbox/teams/" + UUID.randomUUID() + "/targets").session(admin))
                .andExpect(status().isNotFound());
    }
}
