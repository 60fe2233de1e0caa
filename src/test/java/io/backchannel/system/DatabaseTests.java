package io.backchannel.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.IntegrationTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.StringUtils;

/**
 * The application runs on the database its configuration names: the embedded server by default, or the external
 * server of {@code BACKCHANNEL_DATABASE_URL} (CI runs the integration tests once more against apt's PostgreSQL).
 */
@IntegrationTest
class DatabaseTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void runsOnTheConfiguredPostgresqlWithAllMigrationsApplied() throws Exception {
        String external = System.getenv("BACKCHANNEL_DATABASE_URL");
        String url;
        try (var connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL();
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        boolean embedded = context.containsBean("embeddedDatabaseLease");
        if (StringUtils.hasText(external)) {
            assertThat(embedded).isFalse();
            assertThat(url).isEqualTo(external);
        } else {
            assertThat(embedded).isTrue();
            assertThat(url).contains("/backchannel");
        }
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where success")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql("select count(*) from information_schema.tables where table_name = 'event_publication'")
                        .query(Long.class)
                        .single())
                .isOne();
    }
}
