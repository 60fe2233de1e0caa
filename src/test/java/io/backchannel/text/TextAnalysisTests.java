package io.backchannel.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.identity.NaughtyStringsTests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextAnalysisTests {

    private static final Topics TOPICS = Topics.of(Map.of(
            "hardware", List.of("Dell", "laptop"),
            "billing", List.of("Rechnung", "invoice"),
            "stability", List.of("crash"),
            "design", List.of("dark mode")));

    private static Analysis analyse(String text) {
        return TextAnalysis.analyse(text, null, TOPICS);
    }

    // --- normalisation

    @Test
    void mathematicalBoldGermanComplaintBecomesPlainAndIsUnderstood() {
        var analysis = analyse("𝐃𝐞𝐥𝐥 𝐢𝐬𝐭 𝐤𝐚𝐩𝐮𝐭𝐭");
        assertThat(analysis.normalised()).isEqualTo("Dell ist kaputt");
        assertThat(analysis.language()).isEqualTo("de");
        assertThat(analysis.sentiment()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(analysis.intents()).contains(Intent.COMPLAINT);
        assertThat(analysis.topics()).containsExactly("hardware");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            𝑫𝒆𝒍𝒍 𝒊𝒔𝒕 𝒌𝒂𝒑𝒖𝒕𝒕 | Dell ist kaputt
            𝓓𝓮𝓵𝓵 𝓲𝓼𝓽 𝓴𝓪𝓹𝓾𝓽𝓽 | Dell ist kaputt
            𝔇𝔢𝔩𝔩 𝔦𝔰𝔱 𝔨𝔞𝔭𝔲𝔱𝔱 | Dell ist kaputt
            𝔻𝕖𝕝𝕝 𝕚𝕤𝕥 𝕜𝕒𝕡𝕦𝕥𝕥 | Dell ist kaputt
            𝙳𝚎𝚕𝚕 𝚒𝚜𝚝 𝚔𝚊𝚙𝚞𝚝𝚝 | Dell ist kaputt
            Ｄｅｌｌ ｉｓｔ ｋａｐｕｔｔ | Dell ist kaputt
            Ⓓⓔⓛⓛ ⓘⓢⓣ ⓚⓐⓟⓤⓣⓣ | Dell ist kaputt
            🄳🄴🄻🄻 🅸🆂🆃 | DELL IST
            ᴅᴇʟʟ ɪsᴛ ᴋᴀᴘᴜᴛᴛ | dell ist kaputt
            De\u200Bll i\u200Dst ka\uFEFFputt | Dell ist kaputt
            \u202EDell\u202C ist \u2066kaputt\u2069 | Dell ist kaputt
            𝟏𝟐𝟑 𝟜𝟝𝟞 | 123 456
            """)
    void styledLettersBecomePlain(String styled, String plain) {
        assertThat(analyse(unescape(styled)).normalised()).isEqualTo(plain);
    }

    /** CsvSource keeps backslash escapes literal; the invisible characters are written as escapes to stay visible. */
    private static String unescape(String text) {
        var out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("\\u", i)) {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }

    @Test
    void findsAddressesMentionsAndHashtags() {
        var analysis = analyse("@acme @anna@mastodon.social see https://example.com/a?b=1, "
                + "(https://en.wikipedia.org/wiki/Bug_(disambiguation)) and www.example.org. #DarkMode #1 "
                + "mail me at kim@example.com");
        assertThat(analysis.mentions()).containsExactly("@acme", "@anna@mastodon.social");
        assertThat(analysis.urls())
                .containsExactly(
                        "https://example.com/a?b=1",
                        "https://en.wikipedia.org/wiki/Bug_(disambiguation)",
                        "www.example.org");
        assertThat(analysis.hashtags()).containsExactly("DarkMode");
    }

    // --- language

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            ja | アプリが起動しません
            ja | ありがとう！
            ko | 앱이 안 열려요
            ko | 감사합니다
            zh | 应用打不开了
            zh | 谢谢你们
            de | Das ist nicht gut
            es | Esto no funciona
            pt | Não está funcionando
            fr | Ça ne marche pas
            it | Non funziona più
            nl | Het werkt niet meer
            no | Det virker ikke
            en | It does not work
            """)
    void detectsTheLanguageOfShortPosts(String language, String post) {
        assertThat(analyse(post).language()).isEqualTo(language);
    }

    @Test
    void thePlatformsHintDecidesWhatTheTextCannot() {
        assertThat(TextAnalysis.analyse("東京駅", "ja", Topics.none()).language()).isEqualTo("ja");
        assertThat(TextAnalysis.analyse("東京駅", null, Topics.none()).language()).isEqualTo("zh");
        assertThat(TextAnalysis.analyse("Top!", "pt-BR", Topics.none()).language())
                .isEqualTo("pt");
        assertThat(TextAnalysis.analyse("Top!", null, Topics.none()).language()).isEqualTo(Languages.UNKNOWN);
        assertThat(TextAnalysis.analyse("Takk", "nb", Topics.none()).language()).isEqualTo("no");
        assertThat(TextAnalysis.analyse("The update broke the export", "de", Topics.none())
                        .language())
                .isEqualTo("en");
    }

    // --- sentiment

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            NEGATIVE | Das ist nicht gut.
            NEGATIVE | Der Support ist wirklich schlecht und die App stürzt ab.
            POSITIVE | Das neue Design ist super, vielen Dank!
            POSITIVE | The new dashboard is great, thank you!
            NEGATIVE | The app is not good at all.
            NEGATIVE | The export doesn't work since the update.
            POSITIVE | Nicht schlecht, aber wirklich großartig!
            NEGATIVE | Nice design, but the app is terrible and slow.
            UNCLEAR  | I love the design and I hate the price.
            UNCLEAR  | Die Kamera ist toll und der Akku ist schlecht.
            NEUTRAL  | The shop opens at nine on Monday.
            NEUTRAL  | Der Laden öffnet am Montag um neun Uhr.
            POSITIVE | 👍👍
            NEGATIVE | Still no answer :(
            NEUTRAL  | Bitte um Rückruf, wir sind unten am Gleis gefahren.
            NEGATIVE | Ich hasse diese Verspätungen.
            NEGATIVE | Mein Zug fällt schon wieder aus.
            NEGATIVE | Die Lieferung kam zu spät.
            NEGATIVE | The delivery came too late.
            NEGATIVE | Mein Router ist seit gestern kaputt und funktioniert nicht. Sehr ärgerlich!
            POSITIVE | I could not find the box at first. Great service!
            UNCLEAR  | Le magasin ouvre lundi à neuf heures.
            """)
    void readsTheSentiment(Sentiment expected, String post) {
        assertThat(analyse(post).sentiment()).isEqualTo(expected);
    }

    @Test
    void capitalsIntensifiersAndExclamationsStrengthenTheSentiment() {
        double plain = analyse("The support was good").score();
        assertThat(analyse("The support was very good").score()).isGreaterThan(plain);
        assertThat(analyse("The support was GOOD").score()).isGreaterThan(plain);
        assertThat(analyse("The support was good!!!").score()).isGreaterThan(plain);
        assertThat(analyse("The support was slightly good").score()).isLessThan(plain);
    }

    @Test
    void staffCorrectionsTeachTheSentiment() {
        String post = "Der Akku hält keinen halben Tag durch";
        var before = TextAnalysis.analyse(post, "de", Topics.none());
        assertThat(before.sentiment()).isNotEqualTo(Sentiment.NEGATIVE);

        var corrections = SentimentCorrections.learn(List.of(
                new SentimentCorrections.Correction(post, "de", Sentiment.NEGATIVE),
                new SentimentCorrections.Correction("Akku schon wieder leer", "de", Sentiment.NEGATIVE)));

        assertThat(corrections.size()).isPositive();
        assertThat(TextAnalysis.analyse(post, "de", Topics.none(), corrections).sentiment())
                .isEqualTo(Sentiment.NEGATIVE);
        assertThat(TextAnalysis.analyse("Der Akku ist leer", "de", Topics.none(), corrections)
                        .score())
                .isLessThan(TextAnalysis.analyse("Der Akku ist leer", "de", Topics.none())
                        .score());
        String unrelated = "Die Lieferung kam am Montag";
        assertThat(TextAnalysis.analyse(unrelated, "de", Topics.none(), corrections))
                .isEqualTo(TextAnalysis.analyse(unrelated, "de", Topics.none()));
        String english = "The Akku lasts half a day";
        assertThat(TextAnalysis.analyse(english, "en", Topics.none(), corrections))
                .as("corrections hold for their language only")
                .isEqualTo(TextAnalysis.analyse(english, "en", Topics.none()));
    }

    @Test
    void correctionsToUnclearTeachNothing() {
        var corrections = SentimentCorrections.learn(
                List.of(new SentimentCorrections.Correction("Akku leer", "de", Sentiment.UNCLEAR)));
        assertThat(corrections).isSameAs(SentimentCorrections.none());
    }

    // --- topics and intents

    @Test
    void matchesTopicsOnStemsAndPhrases() {
        assertThat(analyse("The app crashes whenever I open it").topics()).containsExactly("stability");
        assertThat(analyse("Bitte schickt die Rechnungen als PDF").topics()).containsExactly("billing");
        assertThat(analyse("Please add a Dark-Mode").topics()).containsExactly("design");
        assertThat(analyse("The mode is dark").topics()).isEmpty();
        assertThat(TextAnalysis.analyse("Dell laptop crash", "en", Topics.none())
                        .topics())
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            QUESTION      | When will the Android app be released?
            QUESTION      | Wie kann ich mein Passwort ändern
            COMPLAINT     | Das ist nicht gut, die App stürzt ständig ab.
            COMPLAINT     | My order is still not here and nobody answers. Unacceptable.
            PRAISE        | Thanks for the quick help, great support!
            PRAISE        | Danke, das neue Design ist toll!
            IDEA          | Wäre schön, wenn man Rechnungen exportieren könnte.
            IDEA          | Vorschlag: ein dunkler Modus für die App
            IDEA          | It would be nice to have keyboard shortcuts
            JOB_APPLICANT | Are you hiring? I would like to apply for the backend position.
            JOB_APPLICANT | Ich habe meine Bewerbung gestern geschickt
            INVESTOR      | We would like to talk about your next funding round.
            INVESTOR      | Sucht ihr noch Investoren für die Finanzierung?
            """)
    void recognisesIntents(Intent intent, String post) {
        assertThat(analyse(post).intents()).contains(intent);
    }

    @Test
    void aPlainStatementHasNoIntent() {
        assertThat(analyse("The shop opens at nine on Monday.").intents()).isEmpty();
    }

    @Test
    void everySentimentAndIntentHasANameInEnglishAndGerman() throws Exception {
        for (String bundle : List.of("text.properties", "text_de.properties")) {
            var names = new java.util.Properties();
            try (var reader = java.nio.file.Files.newBufferedReader(
                    java.nio.file.Path.of("src/main/resources/messages", bundle))) {
                names.load(reader);
            }
            assertThat(Sentiment.values()).as(bundle).allMatch(s -> names.containsKey(s.messageKey()));
            assertThat(Intent.values()).as(bundle).allMatch(i -> names.containsKey(i.messageKey()));
        }
    }

    // --- robustness

    @Test
    void neverThrowsOnNaughtyStrings() throws Exception {
        for (String naughty : NaughtyStringsTests.naughtyStrings()) {
            for (String text : List.of(naughty, naughty + " " + naughty + " :( #" + naughty + " @" + naughty)) {
                var analysis = TextAnalysis.analyse(text, naughty, TOPICS);
                assertThat(analysis.language()).as(naughty).isNotBlank();
                assertThat(analysis.score()).as(naughty).isBetween(-1.0, 1.0);
                assertThat(analysis.confidence()).as(naughty).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void handlesNullEmptyAndHugeTexts() {
        assertThat(TextAnalysis.analyse(null, null, TOPICS).sentiment()).isEqualTo(Sentiment.UNCLEAR);
        assertThat(analyse("").normalised()).isEmpty();
        var huge = analyse("Das ist nicht gut. ".repeat(5_000));
        assertThat(huge.normalised()).hasSizeLessThanOrEqualTo(TextAnalysis.MAX_CHARS);
        assertThat(huge.sentiment()).isEqualTo(Sentiment.NEGATIVE);
    }

    @Test
    void givesTheSameAnswersFromManyThreadsAtOnce() throws Exception {
        List<String> posts =
                List.of("𝐃𝐞𝐥𝐥 𝐢𝐬𝐭 𝐤𝐚𝐩𝐮𝐭𝐭", "Thanks, great support!", "アプリが起動しません", "Wäre schön");
        List<Analysis> expected = posts.stream().map(TextAnalysisTests::analyse).toList();
        List<Callable<List<Analysis>>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            tasks.add(() -> posts.stream().map(TextAnalysisTests::analyse).toList());
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (var future : pool.invokeAll(tasks)) {
                assertThat(future.get()).isEqualTo(expected);
            }
        }
    }
}
