package io.backchannel.ideas;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.backchannel.TestAccounts;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The beans and account helpers that nearly every ideas integration test needs, injected and written once
 * here rather than copied into each class. Subclasses still carry {@code @IntegrationTest} themselves, so
 * that each test class says plainly how it runs. Public with protected members because the tests of
 * {@code ideas.internal} extend it too.
 */
public abstract class IdeasIntegrationTest {

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected IdentityManagement identity;

    @Autowired
    protected IdeasManagement ideas;

    @Autowired
    protected JdbcClient jdbc;

    /** Eight random characters that keep this test's boards, slugs and titles apart from other tests'. */
    protected static String marker() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates an account with a unique address and logs it in through the real login form. */
    protected MockHttpSession logIn(String prefix, Role... roles) throws Exception {
        return TestAccounts.login(mvc, TestAccounts.create(identity, prefix, roles));
    }

    /** The new-idea form as a logged-in person posts it; callers add what else they test, such as tags. */
    protected static MockHttpServletRequestBuilder newIdea(
            MockHttpSession session, UUID board, String title, String description) {
        return post("/ideas/new")
                .session(session)
                .with(csrf())
                .param("title", title)
                .param("category", board.toString())
                .param("description", description);
    }

    /** Creates an account with a unique address and returns its ID, for calls through the module facade. */
    protected UUID account(String prefix, Role... roles) {
        return id(TestAccounts.create(identity, prefix, roles));
    }

    /** The ID of the account with this address. */
    protected UUID id(String email) {
        return TestAccounts.id(jdbc, email);
    }

    /** Waits up to ten seconds for the mail outbox to hold a mail to this address and returns its body. */
    protected String awaitMail(String recipient) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var body = jdbc.sql("select body from system_mail where recipient = ?")
                    .param(recipient)
                    .query(String.class)
                    .optional();
            if (body.isPresent()) {
                return body.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No mail to " + recipient);
    }
}
