package io.backchannel.channels;

import io.backchannel.channels.internal.Connectors;
import io.backchannel.channels.internal.Posts;
import io.backchannel.channels.internal.platforms.PlatformPolling;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** What the tests of the five API connectors (Mastodon, Bluesky search, X, Facebook, LinkedIn) work with. */
abstract class ApiConnectorTest {

    @Autowired
    Connectors connectors;

    @Autowired
    Posts posts;

    @Autowired
    PlatformPolling polling;

    @Autowired
    ApplicationEvents events;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    JsonMapper json;
}
