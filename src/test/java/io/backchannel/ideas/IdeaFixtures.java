package io.backchannel.ideas;

import io.backchannel.TestAccounts;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Accounts for the ideas tests: their id for calls through the module facade, and a logged-in session. */
record IdeaFixtures(MockMvc mvc, IdentityManagement identity, JdbcClient jdbc) {

    Person person(String name, Role... roles) throws Exception {
        String email = TestAccounts.create(identity, name, roles);
        UUID id = jdbc.sql("select id from identity_account where email = ?")
                .param(email)
                .query(UUID.class)
                .single();
        return new Person(id, email, name, TestAccounts.login(mvc, email));
    }

    String marker(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    record Person(UUID id, String email, String name, MockHttpSession session) {}
}
