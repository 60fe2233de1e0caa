package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * The micro-cache of public pages: shared only among anonymous visitors, and emptied by every write. Idea pages kept
 * by their version are {@link KeptIdeaPagesTests}; here they are off, so that the micro-cache alone is seen.
 */
@IntegrationTest
@TestPropertySource(properties = {"backchannel.web.public-page-cache-ttl=1h", "backchannel.web.versioned-page-ttl=0s"})
class PublicPageCacheTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityManagement identity;

    @Autowired
    IdeasManagement ideas;

    @Autowired
    JdbcClient jdbc;

    String customer;
    long number;

    @BeforeEach
    void idea() throws Exception {
        customer = TestAccounts.create(identity, "cache", Role.CUSTOMER);
        UUID author = TestAccounts.id(jdbc, customer);
        UUID board =
                ideas.createCategory("cache-" + UUID.randomUUID().toString().substring(0, 8), "Cache", "", false);
        number = ideas.submit(author, board, "Original title", "Text");
        // Anything cached by an earlier test of this class goes with a write.
        mvc.perform(post("/logout").with(csrf()));
    }

    @Test
    void anonymousVisitorsShareARenderingUntilTheNextWrite() throws Exception {
        assertThat(page(get("/ideas/" + number))).contains("Original title");
        rename("Changed behind the back of the page");

        MockHttpServletResponse cached = response(get("/ideas/" + number));
        assertThat(cached.getContentAsString()).contains("Original title");
        assertThat(cached.getHeader("Content-Security-Policy")).isNotBlank();
        assertThat(cached.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(cached.getContentType()).startsWith("text/html");

        MockHttpSession session = TestAccounts.login(mvc, customer);
        assertThat(page(get("/ideas/" + number).session(session))).contains("Changed behind the back of the page");

        mvc.perform(post("/ideas/" + number + "/vote")
                .param("value", "0")
                .session(session)
                .with(csrf()));
        assertThat(page(get("/ideas/" + number))).contains("Changed behind the back of the page");
    }

    @Test
    void languagesAndAddressesAreKeptApart() throws Exception {
        assertThat(page(get("/ideas/" + number).header("Accept-Language", "de")))
                .contains("Teilen");
        assertThat(page(get("/ideas/" + number).header("Accept-Language", "en")))
                .contains("Share");
        rename("Renamed");
        assertThat(page(get("/ideas/" + number).queryParam("x", "1"))).contains("Renamed");
    }

    @Test
    void aSignedInRenderingIsNeverSharedAndOtherAddressesAreNotCached() throws Exception {
        MockHttpSession session = TestAccounts.login(mvc, customer);
        assertThat(page(get("/ideas/" + number).session(session))).contains("_csrf");
        assertThat(page(get("/ideas/" + number))).doesNotContain("_csrf", "/logout");

        page(get("/api/ideas/" + number));
        rename("Not in the list of cached pages");
        assertThat(response(get("/api/ideas/" + number)).getContentAsString())
                .contains("Not in the list of cached pages");
    }

    private void rename(String title) {
        jdbc.sql("update ideas_idea set title = ? where number = ?")
                .params(title, number)
                .update();
    }

    private String page(RequestBuilder request) throws Exception {
        return response(request).getContentAsString();
    }

    private MockHttpServletResponse response(RequestBuilder request) throws Exception {
        var response = mvc.perform(request).andReturn().getResponse();
        response.setCharacterEncoding("UTF-8");
        return response;
    }
}
