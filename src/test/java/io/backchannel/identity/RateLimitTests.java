package io.backchannel.identity;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Public writes are limited per client address. */
@IntegrationTest
@TestPropertySource(properties = "backchannel.rate-limit.public-writes-per-minute=3")
class RateLimitTests {

    @Autowired
    MockMvc mvc;

    @Test
    void throttlesPasswordResetRequestsFromOneAddress() throws Exception {
        for (int i = 0; i < 3; i++) {
            mvc.perform(forgot("10.0.0.1")).andExpect(redirectedUrl("/login"));
        }
        mvc.perform(forgot("10.0.0.1")).andExpect(content().string(containsString("Too many attempts")));
        mvc.perform(forgot("10.0.0.2")).andExpect(redirectedUrl("/login"));
    }

    @Test
    void throttlesLoginAttemptsFromOneAddress() throws Exception {
        for (int i = 0; i < 3; i++) {
            mvc.perform(login("10.0.0.9")).andExpect(redirectedUrl("/login?error=credentials"));
        }
        mvc.perform(login("10.0.0.9")).andExpect(redirectedUrl("/login?error=throttled"));
    }

    private MockHttpServletRequestBuilder forgot(String address) {
        return post("/password/forgot").with(csrf()).with(from(address)).param("email", TestAccounts.email("limited"));
    }

    private MockHttpServletRequestBuilder login(String address) {
        return post("/login")
                .with(csrf())
                .with(from(address))
                .param("email", TestAccounts.email("nobody"))
                .param("password", "wrong");
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
