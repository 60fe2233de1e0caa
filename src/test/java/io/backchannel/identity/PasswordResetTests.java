package io.backchannel.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class PasswordResetTests {

    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityManagement identity;

    @Autowired
    JdbcClient jdbc;

    @Test
    void forgottenPasswordIsReplacedThroughTheMailedLinkOnce() throws Exception {
        String email = TestAccounts.create(identity, "forgot", Role.CUSTOMER);
        mvc.perform(post("/password/forgot").with(csrf()).param("email", email.toUpperCase()))
                .andExpect(redirectedUrl("/login"));
        String token = tokenFromLastMail(email);

        mvc.perform(get("/password/reset").param("token", token))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"password\"")));
        mvc.perform(post("/password/reset")
                        .with(csrf())
                        .param("token", token)
                        .param("password", "a brand new secret")
                        .param("passwordRepeat", "a brand new secret"))
                .andExpect(redirectedUrl("/login"));

        mvc.perform(post("/login").with(csrf()).param("email", email).param("password", TestAccounts.PASSWORD))
                .andExpect(redirectedUrl("/login?error=credentials"));
        mvc.perform(post("/login").with(csrf()).param("email", email).param("password", "a brand new secret"))
                .andExpect(redirectedUrl("/account"));

        mvc.perform(post("/password/reset")
                        .with(csrf())
                        .param("token", token)
                        .param("password", "yet another secret")
                        .param("passwordRepeat", "yet another secret"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("already used or has expired")));
    }

    @Test
    void unknownAddressGetsTheSameAnswerAndNoMail() throws Exception {
        String nobody = TestAccounts.email("nobody");
        mvc.perform(post("/password/forgot").with(csrf()).param("email", nobody))
                .andExpect(redirectedUrl("/login"));
        assertThat(jdbc.sql("select count(*) from system_mail where recipient = ?")
                        .param(nobody)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void mismatchedAndTooLongPasswordsAreRefused() throws Exception {
        String email = TestAccounts.create(identity, "mismatch", Role.CUSTOMER);
        mvc.perform(post("/password/forgot").with(csrf()).param("email", email));
        String token = tokenFromLastMail(email);
        mvc.perform(post("/password/reset")
                        .with(csrf())
                        .param("token", token)
                        .param("password", "one long password")
                        .param("passwordRepeat", "another long password"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The two passwords differ.")));
        String emoji = "😀".repeat(20);
        mvc.perform(post("/password/reset")
                        .with(csrf())
                        .param("token", token)
                        .param("password", emoji)
                        .param("passwordRepeat", emoji))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("at most 72 bytes")));
        mvc.perform(get("/password/reset").param("token", token))
                .andExpect(content().string(containsString("name=\"password\"")));
    }

    @Test
    void forgedLinkShowsAClearMessage() throws Exception {
        mvc.perform(get("/password/reset").param("token", "forged"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("already used or has expired")));
    }

    private String tokenFromLastMail(String email) {
        String body = jdbc.sql(
                        "select body from system_mail where lower(recipient) = lower(?) order by created_at desc limit 1")
                .param(email)
                .query(String.class)
                .single();
        var matcher = TOKEN.matcher(body);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
