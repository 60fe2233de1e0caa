package io.backchannel.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.BackchannelApplication;
import io.backchannel.identity.IdentityManagement;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The laptop install: the embedded PostgreSQL keeps its data under the data directory across restarts. */
class EmbeddedDatabaseRestartTests {

    @TempDir
    Path dataDirectory;

    @Test
    void demoCompanyIsLoadedOnceAndSurvivesARestart() {
        int teams;
        try (var first = start()) {
            var identity = first.getBean(IdentityManagement.class);
            assertThat(identity.hasAccounts()).isTrue();
            teams = countTeams(first);
            assertThat(teams).isEqualTo(6);
        }
        assertThat(Files.isDirectory(dataDirectory.resolve("postgres"))).isTrue();
        try (var second = start()) {
            assertThat(countTeams(second)).as("demo data loaded only once").isEqualTo(teams);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(BackchannelApplication.class)
                .run(
                        "--spring.datasource.url=",
                        "--server.port=0",
                        "--backchannel.data-dir=" + dataDirectory,
                        "--backchannel.demo-data.enabled=true",
                        "--logging.level.root=WARN");
    }

    private static int countTeams(ConfigurableApplicationContext context) {
        return context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("select count(*) from identity_team")
                .query(Integer.class)
                .single();
    }
}
