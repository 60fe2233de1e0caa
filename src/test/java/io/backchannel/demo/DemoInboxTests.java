package io.backchannel.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.IntegrationTest;
import io.backchannel.identity.IdentityManagement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The demo inbox: its posts take the real way in and land threaded in Support's inbox; staff get a goodwill budget. */
@IntegrationTest
class DemoInboxTests {

    @Autowired
    DemoInbox demo;

    @Autowired
    IdentityManagement identity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void demoPostsBecomeFourConversationsOfTheSupportTeam() throws InterruptedException {
        UUID support = identity.createTeam("Demo support " + UUID.randomUUID(), "");
        transactions.executeWithoutResult(tx -> demo.load(support));
        long conversations = 0;
        for (int i = 0; i < 100 && conversations < 4; i++) {
            Thread.sleep(100);
            conversations = jdbc.sql(
                            "select count(distinct conversation_id) from listening_message" + " where connector_id = ?")
                    .param(DemoInbox.CONNECTOR)
                    .query(Long.class)
                    .single();
        }
        assertThat(conversations).isEqualTo(4);
        assertThat(jdbc.sql("select count(*) from listening_message where connector_id = ?")
                        .param(DemoInbox.CONNECTOR)
                        .query(Long.class)
                        .single())
                .isEqualTo(5);
        assertThat(jdbc.sql("select count(*) from listening_conversation where connector_id = ? and team_id = ?")
                        .params(DemoInbox.CONNECTOR, support)
                        .query(Long.class)
                        .single())
                .isEqualTo(4);
        assertThat(jdbc.sql("select currency || ' ' || amount || ' ' || vouchers from listening_goodwill_budget"
                                + " where staff_id = '00000000-0000-0000-0000-000000000000'")
                        .query(String.class)
                        .single())
                .isEqualTo("EUR 50.00 3");
    }
}
