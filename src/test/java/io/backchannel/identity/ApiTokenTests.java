package io.backchannel.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class ApiTokenTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityManagement identity;

    @Autowired
    JdbcClient jdbc;

    @Test
    void adminCreatesTokenThatActsAsItsOwnerAndIsStoredOnlyAsHash() throws Exception {
        String admin = TestAccounts.create(identity, "admin", Role.ADMIN, Role.STAFF);
        var session = TestAccounts.login(mvc, admin);
        String token = createToken(session, admin, "ci", 30);

        assertThat(token).startsWith("bc_");
        assertThat(jdbc.sql("select count(*) from identity_api_token where token_hash = ? or prefix = ?")
                        .params(token, token)
                        .query(Long.class)
                        .single())
                .isZero();

        mvc.perform(get("/api/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(admin))
                .andExpect(jsonPath("$.roles", hasItem("ADMIN")));
        mvc.perform(get("/api/teams").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk());
    }

    @Test
    void customerTokenMayReadItselfButNotTeams() throws Exception {
        String admin = TestAccounts.create(identity, "admin", Role.ADMIN, Role.STAFF);
        String customer = TestAccounts.create(identity, "customer", Role.CUSTOMER);
        String token = createToken(TestAccounts.login(mvc, admin), customer, "app", 0);

        mvc.perform(get("/api/me").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
        mvc.perform(get("/api/teams").header("Authorization", "Bearer " + token))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    @Test
    void revokedUnknownAndMalformedTokensAreRefusedWithProblemDetail() throws Exception {
        String admin = TestAccounts.create(identity, "admin", Role.ADMIN, Role.STAFF);
        var session = TestAccounts.login(mvc, admin);
        String token = createToken(session, admin, "short-lived", 30);
        UUID id = jdbc.sql("select id from identity_api_token where prefix = ?")
                .param(token.substring(0, 11))
                .query(UUID.class)
                .single();
        mvc.perform(post("/admin/tokens/" + id + "/revoke").session(session).with(csrf()));

        for (String bad : new String[] {token, "bc_" + "A".repeat(43), "not-a-token", "", "Bearer"}) {
            mvc.perform(get("/api/me").header("Authorization", "Bearer " + bad))
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.status").value(401));
        }
        mvc.perform(get("/api/me")).andExpect(status().isUnauthorized());
    }

    @Test
    void sessionCookieDoesNotAuthenticateTheApi() throws Exception {
        var session = TestAccounts.login(mvc, TestAccounts.create(identity, "admin", Role.ADMIN, Role.STAFF));
        mvc.perform(get("/api/me").session(session)).andExpect(status().isUnauthorized());
    }

    @Test
    void prometheusMetricsNeedAnAdminToken() throws Exception {
        String admin = TestAccounts.create(identity, "admin", Role.ADMIN, Role.STAFF);
        String staff = TestAccounts.create(identity, "staff", Role.STAFF);
        var session = TestAccounts.login(mvc, admin);
        mvc.perform(get("/actuator/prometheus")
                        .header("Authorization", "Bearer " + createToken(session, admin, "metrics", 1)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("jvm_memory_used_bytes")));
        mvc.perform(get("/actuator/prometheus")
                        .header("Authorization", "Bearer " + createToken(session, staff, "m", 1)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
    }

    @Test
    void openApiDocumentDescribesTheApi() throws Exception {
        mvc.perform(get("/api/openapi.json"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/api/me")))
                .andExpect(content().string(containsString("/api/teams")))
                .andExpect(
                        jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"));
    }

    private String createToken(MockHttpSession session, String owner, String name, int days) throws Exception {
        var result = mvc.perform(post("/admin/tokens")
                        .session(session)
                        .with(csrf())
                        .param("owner", owner)
                        .param("name", name)
                        .param("validDays", String.valueOf(days)))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attributeExists("createdToken"))
                .andReturn();
        return (String) result.getFlashMap().get("createdToken");
    }
}
