package io.backchannel.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class AdministrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityManagement identity;

    @Autowired
    JdbcClient jdbc;

    String admin;
    MockHttpSession session;

    @BeforeEach
    void logInAsAdmin() throws Exception {
        admin = TestAccounts.create(identity, "admin", Role.ADMIN, Role.STAFF);
        session = TestAccounts.login(mvc, admin);
    }

    @Test
    void createdStaffAccountIsInvitedToChooseAPassword() throws Exception {
        String email = TestAccounts.email("colleague");
        mvc.perform(post("/admin/accounts/new")
                        .session(session)
                        .with(csrf())
                        .param("email", email)
                        .param("displayName", "New Colleague")
                        .param("roles", "STAFF")
                        .param("locale", "de"))
                .andExpect(redirectedUrlPattern("/admin/accounts/*"));
        assertThat(jdbc.sql("select subject from system_mail where recipient = ?")
                        .param(email)
                        .query(String.class)
                        .single())
                .isEqualTo("Ihr Backchannel-Mitarbeiterkonto");
        mvc.perform(get("/admin/accounts").session(session).param("q", "New Colleague"))
                .andExpect(content().string(containsString(email)));
    }

    @Test
    void lockedAccountCannotLogInAndUnlockRestoresAccess() throws Exception {
        String staff = TestAccounts.create(identity, "lockme", Role.STAFF);
        UUID id = accountId(staff);
        mvc.perform(post("/admin/accounts/" + id + "/lock")
                        .session(session)
                        .with(csrf())
                        .param("locked", "true"))
                .andExpect(flash().attribute("flash", "admin.accounts.locked"));
        mvc.perform(post("/login").with(csrf()).param("email", staff).param("password", TestAccounts.PASSWORD))
                .andExpect(redirectedUrl("/login?error=locked"));
        mvc.perform(post("/admin/accounts/" + id + "/lock")
                .session(session)
                .with(csrf())
                .param("locked", "false"));
        mvc.perform(post("/login").with(csrf()).param("email", staff).param("password", TestAccounts.PASSWORD))
                .andExpect(redirectedUrl("/workspace"));
    }

    @Test
    void adminCannotLockOutThemselves() throws Exception {
        UUID self = accountId(admin);
        mvc.perform(post("/admin/accounts/" + self + "/lock")
                        .session(session)
                        .with(csrf())
                        .param("locked", "true"))
                .andExpect(flash().attribute("flashError", "admin.accounts.self-lockout"));
        mvc.perform(post("/admin/accounts/" + self + "/roles")
                        .session(session)
                        .with(csrf())
                        .param("roles", "STAFF"))
                .andExpect(flash().attribute("flashError", "admin.accounts.self-lockout"));
        mvc.perform(get("/admin/accounts").session(session)).andExpect(status().isOk());
    }

    @Test
    void rolesChangeAndGrantAccess() throws Exception {
        String customer = TestAccounts.create(identity, "promoted", Role.CUSTOMER);
        mvc.perform(post("/admin/accounts/" + accountId(customer) + "/roles")
                        .session(session)
                        .with(csrf())
                        .param("roles", "STAFF", "CUSTOMER"))
                .andExpect(flash().attribute("flash", "admin.accounts.roles-saved"));
        var promoted = TestAccounts.login(mvc, customer);
        mvc.perform(get("/workspace").session(promoted)).andExpect(status().isOk());
    }

    @Test
    void teamsAreCreatedRenamedGivenMembersAndDeleted() throws Exception {
        String name = "Support " + UUID.randomUUID();
        var created = mvc.perform(post("/admin/teams")
                        .session(session)
                        .with(csrf())
                        .param("name", name)
                        .param("description", "First line"))
                .andExpect(redirectedUrlPattern("/admin/teams/*"))
                .andReturn();
        String team = created.getResponse().getRedirectedUrl();

        mvc.perform(post("/admin/teams").session(session).with(csrf()).param("name", name.toUpperCase()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("A team with this name already exists.")));

        String staff = TestAccounts.create(identity, "member", Role.STAFF);
        mvc.perform(post(team + "/members").session(session).with(csrf()).param("email", staff))
                .andExpect(redirectedUrl(team));
        mvc.perform(post(team + "/members").session(session).with(csrf()).param("email", staff))
                .andExpect(redirectedUrl(team));
        mvc.perform(get(team).session(session)).andExpect(content().string(containsString(staff)));
        var memberSession = TestAccounts.login(mvc, staff);
        mvc.perform(get("/workspace").session(memberSession))
                .andExpect(content().string(containsString(name)));

        String customer = TestAccounts.create(identity, "outsider", Role.CUSTOMER);
        mvc.perform(post(team + "/members").session(session).with(csrf()).param("email", customer))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("no staff account with this e-mail")));

        mvc.perform(post(team + "/delete").session(session).with(csrf())).andExpect(redirectedUrl("/admin/teams"));
        mvc.perform(get("/admin/teams").session(session)).andExpect(content().string(not(containsString(name))));
    }

    @Test
    void accountListFiltersAndExportsCsv() throws Exception {
        String marker = "csv" + UUID.randomUUID().toString().substring(0, 8);
        identity.createAccount(
                marker + "@example.org",
                "=HYPERLINK(\"x\") " + marker,
                TestAccounts.PASSWORD,
                java.util.Set.of(Role.CUSTOMER),
                "en");
        mvc.perform(get("/admin/accounts").session(session).param("q", marker).param("role", "STAFF"))
                .andExpect(content().string(not(containsString(marker + "@example.org"))));
        var csv = mvc.perform(get("/admin/accounts.csv")
                        .session(session)
                        .param("q", marker)
                        .param("role", "CUSTOMER"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(csv.lines()).hasSize(2);
        assertThat(csv).contains(marker + "@example.org").contains("\"'=HYPERLINK(\"\"x\"\") " + marker + "\"");
    }

    private UUID accountId(String email) {
        return jdbc.sql("select id from identity_account where email = ?")
                .param(email)
                .query(UUID.class)
                .single();
    }
}
