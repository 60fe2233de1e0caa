package io.backchannel.identity;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Each role reaches exactly its own pages; the public pages stay public. */
@IntegrationTest
class AuthorizationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityManagement identity;

    @ParameterizedTest
    @ValueSource(strings = {"/", "/login", "/register", "/password/forgot", "/register/resend", "/css/app.css"})
    void publicPagesNeedNoLogin(String path) throws Exception {
        mvc.perform(get(path)).andExpect(status().isOk());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/account", "/workspace", "/admin/accounts", "/admin/teams", "/admin/tokens", "/admin/mail"})
    void anonymousVisitorsAreSentToLogin(String path) throws Exception {
        mvc.perform(get(path)).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/workspace", "/admin/accounts", "/admin/teams", "/admin/tokens", "/admin/mail"})
    void customersReachNeitherWorkspaceNorAdministration(String path) throws Exception {
        var session = TestAccounts.login(mvc, TestAccounts.create(identity, "customer", Role.CUSTOMER));
        mvc.perform(get(path).session(session)).andExpect(status().isForbidden());
        mvc.perform(get("/account").session(session)).andExpect(status().isOk());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/accounts", "/admin/accounts/new", "/admin/teams", "/admin/tokens", "/admin/mail"})
    void staffReachTheWorkspaceButNotAdministration(String path) throws Exception {
        var session = TestAccounts.login(mvc, TestAccounts.create(identity, "staff", Role.STAFF));
        mvc.perform(get(path).session(session)).andExpect(status().isForbidden());
        mvc.perform(get("/workspace").session(session)).andExpect(status().isOk());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/workspace",
                "/admin/accounts",
                "/admin/accounts/new",
                "/admin/teams",
                "/admin/tokens",
                "/admin/mail"
            })
    void adminsReachEverything(String path) throws Exception {
        var session = TestAccounts.login(mvc, TestAccounts.create(identity, "admin", Role.ADMIN, Role.STAFF));
        mvc.perform(get(path).session(session)).andExpect(status().isOk());
    }
}
