package textbench;

import io.backchannel.text.Analysis;
import io.backchannel.text.TextAnalysis;
import io.backchannel.text.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Posts per second through TextAnalysis.analyse: a mix of short posts in the post languages, with ten topics, without
 * and with the platform's language hint, and real Bluesky posts replayed from the Jetstream corpus.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
public class TextThroughput {

    public static final List<String> POSTS = List.of(
            "@acme your app crashed again after the update, really not happy :( https://example.com/screenshot",
            "Love the new dark mode! Great work team 🎉 #darkmode",
            "𝐃𝐞𝐥𝐥 𝐢𝐬𝐭 𝐤𝐚𝐩𝐮𝐭𝐭 und der Support antwortet nicht. Sehr enttäuschend.",
            "Wäre schön, wenn man Rechnungen als PDF exportieren könnte. Vorschlag: ein Knopf im Menü?",
            "Are you hiring backend developers? I'd love to apply for the open position.",
            "¿Cuándo llega la actualización para Android? Gracias",
            "A entrega atrasou de novo, alguém pode me ajudar?",
            "Le nouveau tableau de bord est vraiment pratique, merci !",
            "L'app non si apre più dopo l'ultimo aggiornamento.",
            "Wanneer komt de nieuwe versie uit? Ik wacht al weken.",
            "Appen virker ikke etter oppdateringen, hva skjer?",
            "新版本的应用很好用，谢谢！",
            "アプリが起動しません。助けてください。",
            "업데이트 후 앱이 작동하지 않아요",
            "Interested in your next funding round, who can I talk to about investment? @ceo@mastodon.social");

    /** The language tags a platform such as Mastodon or Bluesky sends with the posts above. */
    static final List<String> HINTS =
            List.of("en", "en", "de", "de", "en", "es", "pt", "fr", "it", "nl", "no", "zh", "ja", "ko", "en");

    public static final Topics TOPICS = Topics.of(Map.of(
            "billing", List.of("invoice", "Rechnung", "refund", "PDF"),
            "mobile", List.of("app", "android", "ios", "Appen"),
            "design", List.of("dark mode", "theme", "dashboard"),
            "support", List.of("support", "help", "ajudar"),
            "performance", List.of("slow", "langsam", "crash"),
            "release", List.of("update", "new version", "actualización"),
            "hardware", List.of("dell", "laptop"),
            "jobs", List.of("hiring", "position"),
            "money", List.of("funding", "investment"),
            "delivery", List.of("shipping", "entrega", "Lieferung")));

    final AtomicInteger next = new AtomicInteger();

    /** Real posts ({@code -Dcorpus=} a Jetstream JSON-lines file): text and first language tag, in stream order. */
    List<String[]> replayed = List.of();

    @Setup
    public void readCorpus() throws IOException {
        replayed = replayed();
    }

    /** The corpus's posts as {text, language tag}; one post when there is no corpus. */
    public static List<String[]> replayed() throws IOException {
        String corpus = System.getProperty("corpus", "");
        List<String[]> posts = List.of();
        if (!corpus.isEmpty() && Files.isReadable(Path.of(corpus))) {
            posts = Files.readAllLines(Path.of(corpus)).stream()
                    .filter(line -> line.contains("\"app.bsky.feed.post\""))
                    .map(TextThroughput::post)
                    .filter(post -> post != null)
                    .toList();
        }
        return posts.isEmpty() ? List.<String[]>of(new String[] {POSTS.get(0), null}) : posts;
    }

    static final Pattern TEXT = Pattern.compile("\"text\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    static final Pattern LANG = Pattern.compile("\"langs\":\\[\"([^\"]*)\"");

    public static String @Nullable [] post(String line) {
        Matcher text = TEXT.matcher(line);
        if (!text.find()) {
            return null;
        }
        Matcher lang = LANG.matcher(line);
        return new String[] {unescape(text.group(1)), lang.find() ? lang.group(1) : null};
    }

    /** JSON string escapes: enough of them for post texts. */
    static String unescape(String json) {
        var out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != '\\' || i + 1 == json.length()) {
                out.append(c);
                continue;
            }
            char e = json.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    /** The replayed Bluesky posts with their language tags (bench/text.sh passes the corpus when it is there). */
    @Benchmark
    public Analysis replay() {
        String[] post = replayed.get(Math.floorMod(next.getAndIncrement(), replayed.size()));
        return TextAnalysis.analyse(post[0], post[1], TOPICS);
    }

    @Benchmark
    public Analysis analyse() {
        int at = Math.floorMod(next.getAndIncrement(), POSTS.size());
        return TextAnalysis.analyse(POSTS.get(at), null, TOPICS);
    }

    /** With the platform's language tag, which spares the language model when the post's function words agree. */
    @Benchmark
    public Analysis analyseWithHint() {
        int at = Math.floorMod(next.getAndIncrement(), POSTS.size());
        return TextAnalysis.analyse(POSTS.get(at), HINTS.get(at), TOPICS);
    }
}
