package io.backchannel.identity;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class LoginTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityManagement identity;

    @Test
    void staffLandOnWorkspaceAndCustomersOnTheirAccount() throws Exception {
        mvc.perform(login(TestAccounts.create(identity, "staff", Role.STAFF), TestAccounts.PASSWORD))
                .andExpect(redirectedUrl("/workspace"));
        mvc.perform(login(TestAccounts.create(identity, "customer", Role.CUSTOMER), TestAccounts.PASSWORD))
                .andExpect(redirectedUrl("/account"));
    }

    @Test
    void locksAccountAfterFiveWrongPasswordsEvenForTheRightOne() throws Exception {
        String email = TestAccounts.create(identity, "victim", Role.CUSTOMER);
        for (int i = 0; i < 5; i++) {
            mvc.perform(login(email, "wrong password " + i)).andExpect(redirectedUrl("/login?error=credentials"));
        }
        mvc.perform(login(email, TestAccounts.PASSWORD)).andExpect(redirectedUrl("/login?error=locked"));
    }

    @Test
    void successfulLoginResetsTheFailureCount() throws Exception {
        String email = TestAccounts.create(identity, "forgetful", Role.CUSTOMER);
        for (int i = 0; i < 4; i++) {
            mvc.perform(login(email, "wrong")).andExpect(redirectedUrl("/login?error=credentials"));
        }
        mvc.perform(login(email, TestAccounts.PASSWORD)).andExpect(redirectedUrl("/account"));
        for (int i = 0; i < 4; i++) {
            mvc.perform(login(email, "wrong")).andExpect(redirectedUrl("/login?error=credentials"));
        }
        mvc.perform(login(email, TestAccounts.PASSWORD)).andExpect(redirectedUrl("/account"));
    }

    @Test
    void unknownEmailGetsTheSameAnswerAsAWrongPassword() throws Exception {
        mvc.perform(login(TestAccounts.email("nobody"), "whatever"))
                .andExpect(redirectedUrl("/login?error=credentials"));
    }

    @Test
    void rememberMeCookieLogsInWithoutSession() throws Exception {
        String email = TestAccounts.create(identity, "remember", Role.CUSTOMER);
        var result = mvc.perform(login(email, TestAccounts.PASSWORD).param("remember-me", "on"))
                .andExpect(cookie().exists("remember-me"))
                .andReturn();
        Cookie rememberMe = result.getResponse().getCookie("remember-me");
        mvc.perform(get("/account").cookie(rememberMe)).andExpect(status().isOk());
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        var session = TestAccounts.login(mvc, TestAccounts.create(identity, "leaving", Role.CUSTOMER));
        mvc.perform(post("/logout").session(session).with(csrf())).andExpect(redirectedUrl("/?loggedOut"));
        mvc.perform(get("/account").session(session)).andExpect(status().is3xxRedirection());
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder login(
            String email, String password) {
        return post("/login").with(csrf()).param("email", email).param("password", password);
    }
}
