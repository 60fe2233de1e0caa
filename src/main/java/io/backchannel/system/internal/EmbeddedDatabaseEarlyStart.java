package io.backchannel.system.internal;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Starts the embedded PostgreSQL as soon as the configuration is known, so it boots in parallel with the application
 * context instead of in front of it. Registered in {@code META-INF/spring.factories}.
 */
public final class EmbeddedDatabaseEarlyStart implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (EmbeddedDatabaseSettings.isEmbedded(event.getEnvironment())) {
            EmbeddedDatabases.prepare(
                    EmbeddedDatabaseSettings.dataDirectory(event.getEnvironment()),
                    EmbeddedDatabaseSettings.isDurable(event.getEnvironment()));
        }
    }
}
