package io.backchannel.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class RegistrationTests {

    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void registeredCustomerConfirmsEmailByLinkAndLogsIn() throws Exception {
        String email = "new-" + UUID.randomUUID() + "@example.org";
        mvc.perform(post("/register")
                        .with(csrf())
                        .param("email", email)
                        .param("displayName", "Neue Kundin")
                        .param("password", "correct horse battery")
                        .param("passwordRepeat", "correct horse battery"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));

        mvc.perform(post("/login").with(csrf()).param("email", email).param("password", "correct horse battery"))
                .andExpect(redirectedUrl("/login?error=unconfirmed"));

        String body = jdbc.sql("select body from system_mail where recipient = ?")
                .param(email)
                .query(String.class)
                .single();
        var token = TOKEN.matcher(body);
        assertThat(token.find()).isTrue();
        mvc.perform(get("/register/confirm").param("token", token.group(1)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("E-mail address confirmed")));

        mvc.perform(post("/login").with(csrf()).param("email", email).param("password", "correct horse battery"))
                .andExpect(redirectedUrl("/account"));
    }

    @Test
    void refusesDuplicateEmailWithoutRegardToCase() throws Exception {
        String email = "dup-" + UUID.randomUUID() + "@example.org";
        register(email).andExpect(status().is3xxRedirection());
        register(email.toUpperCase())
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("already registered")));
    }

    @Test
    void rejectsEmptyMalformedAndTooLongValuesWithTranslatedMessages() throws Exception {
        mvc.perform(post("/register")
                        .with(csrf())
                        .header("Accept-Language", "de")
                        .param("email", "not-an-address")
                        .param("displayName", "x".repeat(101))
                        .param("password", "short")
                        .param("passwordRepeat", "short"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("gültige E-Mail-Adresse")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("höchstens 100 Zeichen")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("mindestens 10 Zeichen")));
        mvc.perform(post("/register").with(csrf()).param("email", "").param("displayName", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Please fill in this field.")));
    }

    @Test
    void refusesFormWithoutCsrfToken() throws Exception {
        mvc.perform(post("/register").param("email", "a@example.org")).andExpect(status().isForbidden());
    }

    private org.springframework.test.web.servlet.ResultActions register(String email) throws Exception {
        return mvc.perform(post("/register")
                .with(csrf())
                .param("email", email)
                .param("displayName", "Kim")
                .param("password", "correct horse battery")
                .param("passwordRepeat", "correct horse battery"));
    }
}
