package io.backchannel.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.backchannel.identity.NaughtyStringsTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListeningQueryTests {

    private static ListeningQuery query(String expression) {
        var parsed = ListeningQuery.parse(expression);
        assertThat(parsed.problem()).as(expression).isNull();
        return parsed.valid().orElseThrow();
    }

    private static ListeningQuery.Problem problem(String expression) {
        var parsed = ListeningQuery.parse(expression);
        assertThat(parsed.query()).as(expression).isNull();
        return parsed.problem();
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            dell                            | I love my Dell laptop            | true
            dell                            | Delly is my cat                  | false
            dell                            | DELL!!!                          | true
            dell                            | #dell rocks                      | true
            dell                            | thanks @dell                     | true
            #dell                           | dell rocks                       | false
            #dell                           | so #Dell                         | true
            @dell                           | #dell                            | false
            @dell                           | hi @DELL how are you             | true
            cafe                            | Le Café est fermé                | true
            café                            | the cafe is closed               | true
            kaputt                          | 𝐃𝐞𝐥𝐥 𝐢𝐬𝐭 𝐤𝐚𝐩𝐮𝐭𝐭                   | true
            dell AND laptop                 | dell laptop                      | true
            dell AND laptop                 | dell desktop                     | false
            dell laptop                     | laptop by dell                   | true
            dell laptop                     | dell desktop                     | false
            dell OR hp                      | my hp died                       | true
            dell OR hp                      | my lenovo died                   | false
            dell -support                   | dell support is slow             | false
            dell -support                   | dell is fast                     | true
            dell NOT support                | dell support is slow             | false
            dell AND NOT support            | dell is fast                     | true
            "dell xps"                      | my Dell XPS 13                   | true
            "dell xps"                      | xps by dell                      | false
            -"dell xps" dell                | xps by dell                      | true
            -"dell xps" dell                | dell xps 13                      | false
            (dell OR hp) AND (broken OR dead) | my hp is dead                  | true
            (dell OR hp) AND (broken OR dead) | my hp is fine                  | false
            dell OR hp broken               | dell is fine                     | true
            dell OR hp broken               | hp is fine                       | false
            -(hp OR lenovo) dell            | dell and hp                      | false
            -(hp OR lenovo) dell            | dell and acer                    | true
            lapto*                          | two laptops here                 | true
            lapto*                          | lap top                          | false
            #dell*                          | #dellxps is great                | true
            e-mail                          | send me an e-mail                | true
            e-mail                          | e mail                           | true
            e-mail                          | email                            | false
            dell and                        | dell and hp                      | true
            or                              | this or that                     | true
            戴尔                             | 我的戴尔电脑坏了                   | true
            戴尔                             | 我的电脑坏了                      | false
            """)
    void matchesByWholeWordsIgnoringCaseAndAccents(String expression, String text, boolean matches) {
        assertThat(query(expression).matches(text)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            ''                       | listening.query.error.empty            | 0
            '   '                    | listening.query.error.empty            | 0
            (dell                    | listening.query.error.unclosed         | 0
            dell)                    | listening.query.error.unexpected-close | 4
            ((dell) OR hp            | listening.query.error.unclosed         | 0
            ()                       | listening.query.error.empty-group      | 0
            "dell                    | listening.query.error.unclosed-quote   | 0
            dell AND                 | listening.query.error.missing-term     | 8
            OR dell                  | listening.query.error.missing-term     | 0
            dell OR OR hp            | listening.query.error.missing-term     | 8
            NOT dell                 | listening.query.error.only-exclusions  | 0
            -dell                    | listening.query.error.only-exclusions  | 0
            dell OR -hp              | listening.query.error.only-exclusions  | 0
            !!!                      | listening.query.error.no-words         | 0
            '""'                     | listening.query.error.no-words         | 0
            a*                       | listening.query.error.wildcard-short   | 0
            """)
    void refusesMalformedQueriesWithKeyAndPosition(String expression, String key, int position) {
        var problem = problem(expression);
        assertThat(problem.key()).isEqualTo(key);
        assertThat(problem.position()).isEqualTo(position);
    }

    @Test
    void refusesLongDeepAndOverlyBroadQueries() {
        assertThat(problem("dell ".repeat(2000)).key()).isEqualTo("listening.query.error.too-long");
        assertThat(problem("x".repeat(10_000)).key()).isEqualTo("listening.query.error.too-long");
        assertThat(problem("(".repeat(11) + "dell" + ")".repeat(11)).key()).isEqualTo("listening.query.error.too-deep");
        assertThat(problem("NOT ".repeat(11) + "dell").key()).isEqualTo("listening.query.error.too-deep");
        assertThat(problem("w ".repeat(201)).key()).isEqualTo("listening.query.error.too-many-terms");
        assertThat(query("(".repeat(10) + "dell" + ")".repeat(10)).matches("Dell"))
                .isTrue();
        assertThat(ListeningQuery.parse(null).problem().key()).isEqualTo("listening.query.error.empty");
    }

    @Test
    void everyNaughtyStringParsesOrIsRefusedAndMatchesWithoutThrowing() throws Exception {
        var brand = query("(dell OR \"dell xps\" OR #dell*) -spam");
        for (String naughty : NaughtyStringsTests.naughtyStrings()) {
            assertThatCode(() -> {
                        var parsed = ListeningQuery.parse(naughty);
                        assertThat(parsed.query() == null).isNotEqualTo(parsed.problem() == null);
                        parsed.valid().ifPresent(q -> q.matches(naughty));
                        brand.matches(naughty);
                        brand.matches(naughty + " dell");
                    })
                    .as(naughty)
                    .doesNotThrowAnyException();
            if (!naughty.toLowerCase(java.util.Locale.ROOT).contains("spam")) {
                assertThat(brand.matches(naughty + " dell")).as(naughty).isTrue();
            }
        }
    }
}
