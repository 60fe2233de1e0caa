package io.backchannel.system.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Without {@code spring.datasource.url}, the application runs on its own embedded PostgreSQL. */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoExternalDatabase.class)
class EmbeddedDatabaseConfiguration {

    @Bean
    EmbeddedDatabaseLease embeddedDatabaseLease(Environment environment) {
        return new EmbeddedDatabaseLease(
                EmbeddedDatabaseSettings.dataDirectory(environment), EmbeddedDatabaseSettings.isDurable(environment));
    }

    @Bean
    DataSource dataSource(EmbeddedDatabaseLease lease, Environment environment) {
        var dataSource = new HikariDataSource();
        dataSource.setPoolName("backchannel-embedded");
        dataSource.setJdbcUrl(lease.jdbcUrl());
        dataSource.setUsername(EmbeddedDatabases.USER);
        dataSource.setMaximumPoolSize(
                environment.getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class, 10));
        return dataSource;
    }

    /** Holds one use of the embedded server for as long as the context lives. */
    static final class EmbeddedDatabaseLease implements DisposableBean {
        private final Path dataDirectory;
        private final String jdbcUrl;

        EmbeddedDatabaseLease(Path dataDirectory, boolean durable) {
            this.dataDirectory = dataDirectory;
            this.jdbcUrl = EmbeddedDatabases.acquireJdbcUrl(dataDirectory, durable);
        }

        String jdbcUrl() {
            return jdbcUrl;
        }

        @Override
        public void destroy() {
            EmbeddedDatabases.release(dataDirectory);
        }
    }

    static final class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return EmbeddedDatabaseSettings.isEmbedded(context.getEnvironment());
        }
    }
}
