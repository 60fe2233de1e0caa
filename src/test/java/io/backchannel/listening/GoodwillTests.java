package io.backchannel.listening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.identity.Role;
import io.backchannel.listening.internal.Goodwill;
import io.backchannel.listening.internal.Refused;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.access.AccessDeniedException;

/** Goodwill within a daily budget: granted without approval, refused over it, recorded, never overspent. */
@IntegrationTest
class GoodwillTests extends ListeningIntegrationTest {

    @Autowired
    Goodwill goodwill;

    UUID conversation;
    MockHttpSession admin;

    @BeforeEach
    void budgetsAndConversation() throws Exception {
        jdbc.sql("delete from listening_goodwill_budget").update();
        supportByDefault();
        conversation = capture(heard("g-" + marker, null, "@guest", "My stay was ruined " + marker));
        admin = TestAccounts.login(mvc, TestAccounts.create(identity, "admin", Role.ADMIN));
    }

    @Test
    void grantsWithinTheDailyBudgetAndRefusesBeyondIt() throws Exception {
        budget("", "eur", "20", "2").andExpect(flash().attribute("flash", "listening.goodwill.budget-saved"));
        var session = TestAccounts.login(mvc, staffEmail);
        assertThat(remaining(session)).isEqualTo("Left for you today: EUR 20.00 and 2 vouchers.");

        grant(session, "MONEY", "12.50", "", "Room was cold")
                .andExpect(flash().attribute("flash", "listening.goodwill.granted"));
        grant(session, "MONEY", "7,60", "", "More")
                .andExpect(flash().attribute("flashError", "listening.goodwill.over-budget"));
        grant(session, "MONEY", "7,50", "", "Breakfast")
                .andExpect(flash().attribute("flash", "listening.goodwill.granted"));
        grant(session, "VOUCHER", "", "2", "Spa").andExpect(flash().attribute("flash", "listening.goodwill.granted"));
        grant(session, "VOUCHER", "", "1", "Spa again")
                .andExpect(flash().attribute("flashError", "listening.goodwill.over-budget"));
        assertThat(remaining(session)).isEqualTo("Left for you today: EUR 0.00 and 0 vouchers.");

        var grants = goodwill.grants(staff, null, null, 10);
        assertThat(grants).hasSize(3);
        assertThat(grants.getLast().amount()).isEqualByComparingTo("12.50");
        assertThat(grants.getLast().currency()).isEqualTo("EUR");
        assertThat(grants.getLast().customer()).isEqualTo("@guest");
        assertThat(grants.getLast().conversationId()).isEqualTo(conversation);
        assertThat(grants.getLast().reason()).isEqualTo("Room was cold");
        assertThat(grants.getFirst().vouchers()).isEqualTo(2);

        String other = TestAccounts.create(identity, "agent", Role.STAFF);
        budget(TestAccounts.id(jdbc, other).toString(), "CHF", "5", "").andExpect(status().is3xxRedirection());
        var otherSession = TestAccounts.login(mvc, other);
        assertThat(remaining(otherSession)).isEqualTo("Left for you today: CHF 5.00 and 0 vouchers.");
        grant(otherSession, "MONEY", "5", "", "Sorry")
                .andExpect(flash().attribute("flash", "listening.goodwill.granted"));
        assertThat(goodwill.grants(TestAccounts.id(jdbc, other), null, null, 10)
                        .getFirst()
                        .currency())
                .isEqualTo("CHF");

        var adminPage = Jsoup.parse(open(admin, "/admin/inbox/goodwill?staff=" + staff + "&from=" + goodwill.today()));
        assertThat(adminPage.select("table.goodwill-grants tbody tr")).hasSize(3);
        String csv = open(admin, "/admin/inbox/goodwill/grants.csv?staff=" + staff + "&to=" + goodwill.today());
        assertThat(csv.lines()).hasSize(4);
        assertThat(csv).contains("Room was cold", "12.50", "@guest");
        assertThat(open(
                                admin,
                                "/admin/inbox/goodwill/grants.csv?staff=" + staff + "&to="
                                        + goodwill.today().minusDays(1))
                        .lines())
                .hasSize(1);
    }

    @Test
    void concurrentGrantsNeverSpendMoreThanTheBudget() throws Exception {
        goodwill.setBudget(null, new Goodwill.Budget("EUR", new BigDecimal("10"), 0));
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(8);
        try {
            var results = new ArrayList<Future<Boolean>>();
            for (int i = 0; i < 8; i++) {
                Callable<Boolean> attempt = () -> {
                    start.await();
                    try {
                        goodwill.grant(conversation, staff, Goodwill.Gift.money(new BigDecimal("3")), "Race");
                        return true;
                    } catch (Refused e) {
                        return false;
                    }
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            int granted = 0;
            for (var result : results) {
                granted += result.get() ? 1 : 0;
            }
            assertThat(granted).isEqualTo(3);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql("select sum(amount) from listening_goodwill_grant where staff_id = ?")
                        .param(staff)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("9");
        assertThat(goodwill.remaining(staff).orElseThrow().amount()).isEqualByComparingTo("1");
    }

    @Test
    void aNewDayInTheInstallationsZoneBringsTheFullBudgetAgain() {
        goodwill.setBudget(null, new Goodwill.Budget("EUR", new BigDecimal("10"), 1));
        jdbc.sql("insert into listening_goodwill_day (staff_id, day, amount, vouchers) values (?, ?, 10, 1)")
                .params(staff, goodwill.today().minusDays(1))
                .update();
        assertThat(goodwill.remaining(staff).orElseThrow().amount()).isEqualByComparingTo("10");
        goodwill.grant(conversation, staff, Goodwill.Gift.money(new BigDecimal("10")), "Fresh day");
        goodwill.grant(conversation, staff, Goodwill.Gift.vouchers(1), "Fresh day");
        assertThat(goodwill.remaining(staff).orElseThrow().vouchers()).isZero();
    }

    @Test
    void refusesBadInputAndShowsHostileReasonsHarmlessly() throws Exception {
        var session = TestAccounts.login(mvc, staffEmail);
        grant(session, "MONEY", "1", "", "No budget yet")
                .andExpect(flash().attribute("flashError", "listening.goodwill.no-budget"));
        goodwill.setBudget(null, new Goodwill.Budget("EUR", new BigDecimal("100"), 5));
        for (String amount : new String[] {"-5", "0", "1e9", "12.345", "abc", "", "9".repeat(30), "NaN"}) {
            grant(session, "MONEY", amount, "", "Reason")
                    .andExpect(flash().attribute("flashError", "listening.goodwill.amount-invalid"));
        }
        for (String count : new String[] {"-1", "0", "x", "99999999999"}) {
            grant(session, "VOUCHER", "", count, "Reason")
                    .andExpect(flash().attribute("flashError", "listening.goodwill.vouchers-invalid"));
        }
        grant(session, "GOLD", "1", "", "Reason")
                .andExpect(flash().attribute("flashError", "listening.goodwill.kind-invalid"));
        grant(session, "MONEY", "1", "", "  ")
                .andExpect(flash().attribute("flashError", "listening.goodwill.reason-required"));
        grant(session, "MONEY", "1", "", "x".repeat(10_000))
                .andExpect(flash().attribute("flashError", "listening.goodwill.reason-too-long"));
        budget("", "EURO", "1", "1").andExpect(flash().attribute("flashError", "listening.goodwill.currency-invalid"));
        budget("", "EUR", "-1", "1").andExpect(flash().attribute("flashError", "listening.goodwill.amount-invalid"));
        budget("not-a-uuid", "EUR", "1", "1")
                .andExpect(flash().attribute("flashError", "listening.goodwill.staff-invalid"));
        assertThat(goodwill.grants(staff, null, null, 10)).isEmpty();

        grant(session, "MONEY", "1", "", InboxPagesTests.HOSTILE)
                .andExpect(flash().attribute("flash", "listening.goodwill.granted"));
        for (var html :
                new String[] {open(session, "/workspace/inbox/" + conversation), open(admin, "/admin/inbox/goodwill")
                }) {
            var page = Jsoup.parse(html);
            assertThat(page.select("script:containsData(alert)")).isEmpty();
            assertThat(page.select("[onerror], [onload], a[href^=javascript]")).isEmpty();
            assertThat(page.select(".reason").text()).contains("<script>alert(1)</script>");
        }
    }

    @Test
    void onlyStaffGrantAndOnlyAdminsSetBudgets() throws Exception {
        goodwill.setBudget(null, new Goodwill.Budget("EUR", new BigDecimal("100"), 5));
        String customerEmail = TestAccounts.create(identity, "customer", Role.CUSTOMER);
        var customer = TestAccounts.login(mvc, customerEmail);
        grant(customer, "MONEY", "50", "", "Me").andExpect(status().isForbidden());
        assertThatThrownBy(() -> goodwill.grant(
                        conversation, TestAccounts.id(jdbc, customerEmail), Goodwill.Gift.money(BigDecimal.ONE), "Me"))
                .isInstanceOf(AccessDeniedException.class);
        var session = TestAccounts.login(mvc, staffEmail);
        for (var who : new MockHttpSession[] {customer, session}) {
            mvc.perform(get("/admin/inbox/goodwill").session(who)).andExpect(status().isForbidden());
            mvc.perform(get("/admin/inbox/goodwill/grants.csv").session(who)).andExpect(status().isForbidden());
            mvc.perform(post("/admin/inbox/goodwill/budgets")
                            .session(who)
                            .with(csrf())
                            .param("currency", "EUR")
                            .param("amount", "999999"))
                    .andExpect(status().isForbidden());
        }
        assertThat(goodwill.defaultBudget().orElseThrow().amount()).isEqualByComparingTo("100");
        assertThat(jdbc.sql("select count(*) from listening_goodwill_grant where conversation_id = ?")
                        .param(conversation)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private org.springframework.test.web.servlet.ResultActions budget(
            String staffId, String currency, String amount, String vouchers) throws Exception {
        return mvc.perform(post("/admin/inbox/goodwill/budgets")
                        .session(admin)
                        .with(csrf())
                        .param("staff", staffId)
                        .param("currency", currency)
                        .param("amount", amount)
                        .param("vouchers", vouchers))
                .andExpect(status().is3xxRedirection());
    }

    private org.springframework.test.web.servlet.ResultActions grant(
            MockHttpSession session, String kind, String amount, String vouchers, String reason) throws Exception {
        return mvc.perform(post("/workspace/inbox/" + conversation + "/goodwill")
                .session(session)
                .with(csrf())
                .param("kind", kind)
                .param("amount", amount)
                .param("vouchers", vouchers)
                .param("reason", reason));
    }

    private String remaining(MockHttpSession session) throws Exception {
        return Jsoup.parse(open(session, "/workspace/inbox/" + conversation))
                .select(".goodwill-remaining")
                .text();
    }
}
