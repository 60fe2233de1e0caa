package io.backchannel;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Creates accounts with unique addresses and logs them in through the real login form. */
public final class TestAccounts {

    public static final String PASSWORD = "correct horse battery";

    private TestAccounts() {}

    public static String email(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.org";
    }

    public static String create(IdentityManagement identity, String prefix, Role... roles) {
        String email = email(prefix);
        identity.createAccount(email, prefix, PASSWORD, Set.of(roles), "en");
        return email;
    }

    /** Logs in through POST /login and returns the authenticated session. */
    public static MockHttpSession login(MockMvc mvc, String email) throws Exception {
        var result = mvc.perform(
                        post("/login").with(csrf()).param("email", email).param("password", PASSWORD))
                .andReturn();
        var session = (MockHttpSession) result.getRequest().getSession(false);
        if (session == null
                || result.getResponse().getRedirectedUrl() == null
                || result.getResponse().getRedirectedUrl().contains("error")) {
            throw new IllegalStateException(
                    "Login failed for " + email + ": " + result.getResponse().getRedirectedUrl());
        }
        return session;
    }

    /** The ID of the account with this address. */
    public static UUID id(JdbcClient jdbc, String email) {
        return jdbc.sql("select id from identity_account where email = ?")
                .param(email)
                .query(UUID.class)
                .single();
    }
}
