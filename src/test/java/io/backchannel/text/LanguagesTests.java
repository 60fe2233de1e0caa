package io.backchannel.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.identity.NaughtyStringsTests;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import opennlp.tools.langdetect.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LanguagesTests {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            en | Please add a dark mode to the mobile app, the screen is far too bright at night.
            de | Bitte fügt einen dunklen Modus zur App hinzu, nachts blendet der Bildschirm sehr.
            es | Por favor, añadan un modo oscuro a la aplicación, por la noche la pantalla molesta mucho.
            pt | Por favor, adicionem um modo escuro ao aplicativo, à noite a tela incomoda muito.
            fr | Merci d'ajouter un mode sombre à l'application, la nuit l'écran est beaucoup trop lumineux.
            it | Per favore aggiungete una modalità scura all'app, di notte lo schermo è troppo luminoso.
            nl | Voeg alstublieft een donkere modus toe aan de app, 's nachts is het scherm veel te fel.
            no | Vennligst legg til en mørk modus i appen, om natten er skjermen altfor lys.
            zh | 请在应用程序中添加深色模式，晚上屏幕太亮了。
            ja | アプリにダークモードを追加してください。夜は画面が明るすぎます。
            ko | 앱에 다크 모드를 추가해 주세요. 밤에는 화면이 너무 밝아요.
            sv | Lägg gärna till ett mörkt läge i appen, på natten är skärmen alldeles för ljus.
            pl | Proszę dodać tryb ciemny do aplikacji, w nocy ekran jest zdecydowanie za jasny.
            ru | Пожалуйста, добавьте тёмную тему в приложение, ночью экран слишком яркий.
            """)
    void detectsRealSentences(String expected, String sentence) {
        assertThat(Languages.detect(sentence)).isEqualTo(expected);
    }

    @Test
    void detectsLongerTextsWithMarkdown() {
        String german =
                """
                Rechnungen als PDF exportieren

                Wir brauchen die **Rechnungen** jeden Monat für die Buchhaltung. Bisher kopieren wir sie von Hand,
                das dauert lange und es passieren Fehler. Ein Knopf zum Herunterladen wäre großartig.""";
        assertThat(Languages.detect(german)).isEqualTo("de");
        assertThat(Languages.detect("x".repeat(5) + " " + german.repeat(200))).isEqualTo("de");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "ok",
                "Hi!",
                "🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉",
                "👍 👍 👍",
                "1234567890 1234567890 1234567890",
                "!!! ??? ... ---",
                "Dark mode bitte danke schön",
                "Export invoices as PDF files"
            })
    void answersUnknownForTooLittleOrUnclearText(String text) {
        assertThat(Languages.detect(text)).isEqualTo(Languages.UNKNOWN);
    }

    @Test
    void answersUnknownForNull() {
        assertThat(Languages.detect(null)).isEqualTo(Languages.UNKNOWN);
    }

    @Test
    void mixedTextIsTheLanguageOfMostOfIt() {
        assertThat(Languages.detect("Dark mode: bitte fügt einen dunklen Modus hinzu, nachts blendet die App sehr."))
                .isEqualTo("de");
        assertThat(Languages.detect("iPhone アプリにダークモードを追加してください")).isEqualTo("ja");
        assertThat(Languages.detect("Bitte 深色模式")).isEqualTo("zh");
    }

    @Test
    void mapsTheModelsThreeLetterCodesToTwoLetterCodes() {
        assertThat(Languages.iso1("deu")).isEqualTo("de");
        assertThat(Languages.iso1("eng")).isEqualTo("en");
        assertThat(Languages.iso1("cmn")).isEqualTo("zh");
        assertThat(Languages.iso1("nob")).isEqualTo("no");
        assertThat(Languages.iso1("nno")).isEqualTo("no");
        assertThat(Languages.iso1("pes")).isEqualTo("fa");
        assertThat(Languages.iso1("ceb")).isEqualTo(Languages.UNKNOWN);
        assertThat(Languages.iso1("zzz")).isEqualTo(Languages.UNKNOWN);
    }

    @Test
    void aCloseRunnerUpMakesTheAnswerUnknownUnlessItIsTheSameLanguage() {
        var norwegian =
                new Language[] {new Language("nob", 0.038), new Language("nno", 0.034), new Language("dan", 0.02)};
        assertThat(Languages.best(norwegian, 103)).isEqualTo("no");
        var close = new Language[] {new Language("glg", 0.027), new Language("spa", 0.026)};
        assertThat(Languages.best(close, 103)).isEqualTo(Languages.UNKNOWN);
        var flat = new Language[] {new Language("eng", 0.012), new Language("deu", 0.005)};
        assertThat(Languages.best(flat, 103)).isEqualTo(Languages.UNKNOWN);
        assertThat(Languages.best(new Language[0], 103)).isEqualTo(Languages.UNKNOWN);
    }

    @Test
    void offersTheElevenLanguagesTheInboxNeeds() {
        assertThat(Languages.codes())
                .contains("en", "de", "es", "pt", "fr", "it", "nl", "no", "zh", "ja", "ko", Languages.UNKNOWN)
                .allMatch(code -> code.matches("[a-z]{2}|unknown"));
    }

    @Test
    void everyCodeHasANameInEnglishAndGerman() throws IOException {
        for (String bundle : List.of("text.properties", "text_de.properties")) {
            var names = load(Path.of("src/main/resources/messages", bundle));
            assertThat(Languages.codes()).as(bundle).allMatch(code -> names.containsKey("text.language." + code));
        }
    }

    @ParameterizedTest
    @CsvSource({"pt-BR,pt", "nb,no", "nn-NO,no", "zh-Hant,zh", "de_AT,de", "deu,de", "EN,en", "!!,unknown", "x,unknown"
    })
    void readsThePlatformsLanguageTags(String tag, String code) {
        assertThat(Languages.code(tag)).isEqualTo(code);
    }

    @Test
    void functionWordsDecideShortPostsAndTheHintBreaksTies() {
        assertThat(Languages.detect("Dell ist kaputt", null)).isEqualTo("de");
        assertThat(Languages.detect("It does not work", null)).isEqualTo("en");
        assertThat(Languages.detect("Det virker ikke", null)).isEqualTo("no");
        assertThat(Languages.byFunctionWords(java.util.Map.of("de", 1), "de")).isEqualTo("de");
        assertThat(Languages.byFunctionWords(java.util.Map.of("de", 1, "en", 2), "de"))
                .isNull();
        assertThat(Languages.byFunctionWords(java.util.Map.of("en", 3), null)).isEqualTo("en");
        assertThat(Languages.byFunctionWords(java.util.Map.of("en", 3, "nl", 1), null))
                .isNull();
    }

    @Test
    void neverThrowsOnNaughtyStrings() throws Exception {
        for (String naughty : NaughtyStringsTests.naughtyStrings()) {
            assertThat(Languages.detect(naughty)).as(naughty).isIn(Languages.codes());
            assertThat(Languages.detect(naughty, naughty)).as(naughty).isNotBlank();
            assertThat(Languages.detect(naughty + " " + naughty + " " + naughty))
                    .isIn(Languages.codes());
        }
    }

    @Test
    void detectsFromManyThreadsAtOnce() throws Exception {
        var sentences = List.of(
                "Bitte fügt einen dunklen Modus zur App hinzu, nachts blendet der Bildschirm sehr.",
                "Please add a dark mode to the mobile app, the screen is far too bright at night.");
        var tasks = new ArrayList<Callable<String>>();
        for (int i = 0; i < 200; i++) {
            String sentence = sentences.get(i % 2);
            tasks.add(() -> Languages.detect(sentence));
        }
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = executor.invokeAll(tasks);
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(i % 2 == 0 ? "de" : "en");
            }
        }
    }

    private static Properties load(Path file) throws IOException {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
