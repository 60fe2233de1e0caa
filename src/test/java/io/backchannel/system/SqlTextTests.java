package io.backchannel.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlTextTests {

    @Test
    void takesWildcardsLiterally() {
        assertThat(SqlText.containing(" 100%_off\\ ")).isEqualTo("%100\\%\\_off\\\\%");
    }
}
