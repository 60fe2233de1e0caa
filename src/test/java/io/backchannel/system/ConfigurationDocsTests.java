package io.backchannel.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every environment variable the configuration reads is documented in docs/configuration.md. */
class ConfigurationDocsTests {

    @Test
    void configurationReferenceNamesEveryVariable() throws Exception {
        String configuration = Files.readString(Path.of("src/main/resources/application.yml"));
        String docs = Files.readString(Path.of("docs/configuration.md"));
        var variables = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+)")
                .matcher(configuration)
                .results()
                .map(match -> match.group(1))
                .distinct()
                .toList();
        assertThat(variables).isNotEmpty();
        assertThat(variables).allSatisfy(variable -> assertThat(docs).contains("`" + variable + "`"));
    }
}
