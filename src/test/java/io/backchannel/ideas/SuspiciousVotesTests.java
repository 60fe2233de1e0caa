package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.identity.Role;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

@IntegrationTest
class SuspiciousVotesTests extends IdeasIntegrationTest {

    UUID board;
    UUID author;
    MockHttpSession staff;

    @BeforeEach
    void setUp() throws Exception {
        board = ideas.createCategory("sus-" + UUID.randomUUID(), "Suspicious", "", false);
        author = id(TestAccounts.create(identity, "author", Role.CUSTOMER));
        staff = logIn("staff", Role.STAFF);
    }

    @Test
    void manyAccountsFromOneNetworkAreReportedWithoutStoringTheAddress() throws Exception {
        long number = ideas.submit(author, board, "<script>alert('sus')</script> Free coffee", "text");
        for (int i = 0; i < 6; i++) {
            String email = oldAccount("crowd" + i);
            vote(email, number, "203.0.113." + (10 + i), "Browser/" + i, "en");
        }
        var burst = row(report(), number, "SAME_NETWORK");
        assertThat(burst).isNotNull();
        assertThat(burst.select("td.votes").text()).isEqualTo("6");
        assertThat(burst.select("ul.accounts li")).hasSize(6);
        assertThat(burst.select("ul.accounts li").text()).contains("crowd0").contains("crowd5");
        assertThat(burst.select("a").text()).isEqualTo("<script>alert('sus')</script> Free coffee");
        assertThat(burst.select("script")).isEmpty();
        assertThat(row(report(), number, "SAME_DEVICE")).isNull();
        assertThat(row(report(), number, "NEW_ACCOUNTS")).isNull();

        List<Map<String, Object>> rows = jdbc.sql(
                        """
                        select v.* from ideas_vote v join ideas_idea i on i.id = v.idea_id
                        where i.number = ? and v.account_id <> i.author_id""")
                .param(number)
                .query()
                .listOfRows();
        assertThat(rows).hasSize(6);
        assertThat(rows)
                .extracting(row -> row.get("network_hash"))
                .containsOnly(rows.getFirst().get("network_hash"));
        assertThat(rows).extracting(row -> row.get("device_hash")).doesNotHaveDuplicates();
        assertThat(rows).allSatisfy(row -> {
            assertThat((String) row.get("network_hash")).matches("[0-9a-f]{64}");
            assertThat(row.toString()).doesNotContain("203.0.113");
        });
    }

    @Test
    void oneDeviceAcrossNetworksAndNewAccountsAreReported() throws Exception {
        long device = ideas.submit(author, board, "Same phone", "text");
        for (int i = 0; i < 5; i++) {
            vote(oldAccount("phone" + i), device, "198.51." + i + ".7", "Phone/1.0", "de-DE");
        }
        assertThat(row(report(), device, "SAME_DEVICE")).isNotNull();
        assertThat(row(report(), device, "SAME_NETWORK")).isNull();

        long fresh = ideas.submit(author, board, "Fresh faces", "text");
        for (int i = 0; i < 5; i++) {
            vote(TestAccounts.create(identity, "fresh" + i, Role.CUSTOMER), fresh, "192.0." + i + ".1", "B/" + i, "fr");
        }
        var burst = row(report(), fresh, "NEW_ACCOUNTS");
        assertThat(burst).isNotNull();
        assertThat(burst.select("td.votes").text()).isEqualTo("5");
        assertThat(row(report(), fresh, "SAME_NETWORK")).isNull();
    }

    @Test
    void fewVotesAndVotesSpreadOverTimeAreNotReported() throws Exception {
        long few = ideas.submit(author, board, "Only four", "text");
        for (int i = 0; i < 4; i++) {
            vote(oldAccount("few" + i), few, "203.0.113.20", "Same/1", "en");
        }
        long spread = ideas.submit(author, board, "Spread out", "text");
        for (int i = 0; i < 6; i++) {
            vote(oldAccount("slow" + i), spread, "203.0.113.30", "Same/2", "en");
        }
        // Two hours between each vote: never more than one in the one-hour window.
        jdbc.sql(
                        """
                        update ideas_vote v set cast_at = now() - (row_number * interval '2 hours')
                        from (select account_id, idea_id, row_number() over (order by cast_at) as row_number
                              from ideas_vote where idea_id = (select id from ideas_idea where number = ?)) o
                        where v.account_id = o.account_id and v.idea_id = o.idea_id""")
                .param(spread)
                .update();
        Document report = report();
        for (String kind : List.of("SAME_NETWORK", "SAME_DEVICE", "NEW_ACCOUNTS")) {
            assertThat(row(report, few, kind)).isNull();
            assertThat(row(report, spread, kind)).isNull();
        }
    }

    @Test
    void onlyStaffSeeTheReport() throws Exception {
        var customer = logIn("customer", Role.CUSTOMER);
        mvc.perform(get("/workspace/ideas/suspicious-votes").session(customer)).andExpect(status().isForbidden());
        mvc.perform(get("/workspace/ideas/suspicious-votes")).andExpect(status().is3xxRedirection());
        var admin = logIn("admin", Role.ADMIN);
        mvc.perform(get("/workspace/ideas/suspicious-votes").session(admin)).andExpect(status().isOk());
        String german = mvc.perform(
                        get("/workspace/ideas/suspicious-votes").session(staff).header("Accept-Language", "de"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(german).contains("Häufungen von mindestens 5 Stimmen für eine Idee innerhalb von 60 Minuten");
    }

    private void vote(String email, long number, String address, String userAgent, String language) throws Exception {
        mvc.perform(post("/ideas/" + number + "/vote")
                        .session(TestAccounts.login(mvc, email))
                        .with(csrf())
                        .with(request -> {
                            request.setRemoteAddr(address);
                            return request;
                        })
                        .header("User-Agent", userAgent)
                        .header("Accept-Language", language)
                        .param("value", "1"))
                .andExpect(status().is3xxRedirection());
    }

    /** An account registered long ago, so that only the network or device can make its votes suspicious. */
    private String oldAccount(String prefix) {
        String email = TestAccounts.create(identity, prefix, Role.CUSTOMER);
        jdbc.sql("update identity_account set created_at = now() - interval '90 days' where email = ?")
                .param(email)
                .update();
        return email;
    }

    private Document report() throws Exception {
        return Jsoup.parse(mvc.perform(get("/workspace/ideas/suspicious-votes").session(staff))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    private static Element row(Document report, long number, String kind) {
        return report.selectFirst("tr[data-idea=" + number + "][data-kind=" + kind + "]");
    }
}
