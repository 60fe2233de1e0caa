package io.backchannel.ideas;

import io.backchannel.TestAccounts;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The beans and account helpers that nearly every ideas integration test needs, injected and written once
 * here rather than copied into each class. Subclasses still carry {@code @IntegrationTest} themselves, so
 * that each test class says plainly how it runs.
 */
abstract class IdeasIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityManagement identity;

    @Autowired
    IdeasManagement ideas;

    @Autowired
    JdbcClient jdbc;

    /** Creates an account with a unique address and returns its ID, for calls through the module facade. */
    UUID account(String prefix, Role... roles) {
        return id(TestAccounts.create(identity, prefix, roles));
    }

    /** The ID of the account with this address. */
    UUID id(String email) {
        return TestAccounts.id(jdbc, email);
    }

    /** Waits up to ten seconds for the mail outbox to hold a mail to this address and returns its body. */
    String awaitMail(String recipient) throws InterruptedException {
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
