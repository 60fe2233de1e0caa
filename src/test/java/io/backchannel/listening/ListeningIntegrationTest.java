package io.backchannel.listening;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.TestAccounts;
import io.backchannel.channels.PostCaptured;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import io.backchannel.listening.internal.Assignment;
import io.backchannel.listening.internal.Conversations;
import io.backchannel.listening.internal.Routing;
import io.backchannel.listening.internal.RoutingRule;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What the listening tests share: posts as a connector would tell them, a Support team with members, and a clean
 * routing table (rules and the default team are global, so each test starts without them).
 */
abstract class ListeningIntegrationTest {

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected IdentityManagement identity;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected Conversations conversations;

    @Autowired
    protected Routing routing;

    protected String marker;
    protected UUID connector;
    protected UUID support;
    protected String staffEmail;
    protected UUID staff;

    @BeforeEach
    void cleanRoutingAndCreateSupport() {
        jdbc.sql("delete from listening_routing_rule").update();
        jdbc.sql("delete from listening_team_setting").update();
        routing.reload();
        marker = UUID.randomUUID().toString().substring(0, 8);
        connector = UUID.randomUUID();
        support = identity.createTeam("Support " + marker, "");
        staffEmail = TestAccounts.create(identity, "agent", Role.STAFF);
        staff = TestAccounts.id(jdbc, staffEmail);
        identity.addToTeam(support, staff);
    }

    protected void supportByDefault() {
        routing.configureTeam(support, Assignment.ROUND_ROBIN, true);
    }

    protected void rule(String name, UUID team, @Nullable String keywords, @Nullable String channel) {
        routing.addRule(
                new RoutingRule(UUID.randomUUID(), 0, name, channel, null, null, null, null, null, keywords, team));
    }

    protected PostCaptured heard(String externalId, @Nullable String inReplyTo, String handle, String text) {
        return heard(externalId, inReplyTo, handle, text, false);
    }

    protected PostCaptured heard(
            String externalId, @Nullable String inReplyTo, String handle, String text, boolean fromCompany) {
        Instant now = Instant.now();
        return new PostCaptured(
                UUID.randomUUID(),
                connector,
                "mastodon",
                externalId,
                inReplyTo,
                handle,
                "Name of " + handle,
                text,
                "https://social.example/" + externalId,
                null,
                fromCompany,
                now,
                now);
    }

    protected UUID capture(PostCaptured post) {
        return conversations.capture(post).orElseThrow();
    }

    protected long messages(UUID conversation) {
        return jdbc.sql("select count(*) from listening_message where conversation_id = ?")
                .param(conversation)
                .query(Long.class)
                .single();
    }

    protected Optional<UUID> conversationOf(UUID postId) {
        return jdbc.sql("select conversation_id from listening_message where post_id = ?")
                .param(postId)
                .query(UUID.class)
                .optional();
    }

    protected @Nullable String column(UUID conversation, String column) {
        return jdbc.sql("select " + column + "::text from listening_conversation where id = ?")
                .param(conversation)
                .query((rs, n) -> rs.getString(1))
                .list()
                .get(0);
    }

    /** The page as the signed-in person sees it; fails unless it is shown. */
    protected String open(MockHttpSession session, String path) throws Exception {
        return mvc.perform(get(path).session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    /** Waits up to ten seconds for an after-commit listener to have done its part. */
    protected static <T> T await(Supplier<Optional<T>> check) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var value = check.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Gave up waiting");
    }
}
