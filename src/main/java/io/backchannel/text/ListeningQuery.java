package io.backchannel.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A boolean listening query in the style of Brandwatch: terms, {@code "quoted phrases"}, {@code AND}, {@code OR},
 * {@code NOT} (upper case, as lower-case words are terms), parentheses, {@code -word} exclusions, implicit AND between
 * terms, {@code #hashtags} and {@code @mentions}, and a {@code word*} suffix wildcard. Matching is by whole words,
 * ignoring case, accents and styled letters, so {@code dell} matches "Dell" and "#dell" but not "delly"; a plain term
 * matches inside hashtags and mentions, whereas {@code #dell} matches only the hashtag. Terms in scripts written
 * without spaces (Chinese, Japanese, Korean) match as a substring, as they have no word boundaries to go by.
 *
 * <p>A query that cannot match anything without excluding something (e.g. {@code NOT dell}) is refused, as it would
 * capture the whole stream.
 */
public final class ListeningQuery {

    public static final int MAX_LENGTH = 2000;
    public static final int MAX_DEPTH = 10;
    public static final int MAX_TERMS = 200;
    static final int MIN_WILDCARD_STEM = 2;

    private static final Pattern UNSPACED_SCRIPT =
            Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}\\p{IsThai}]");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final Node root;
    private final String expression;

    private ListeningQuery(Node root, String expression) {
        this.root = root;
        this.expression = expression;
    }

    /** The query as written, stripped. */
    public String expression() {
        return expression;
    }

    /** Parses an expression; never throws, a malformed one gives a problem with its message key and position. */
    public static Parsed parse(@Nullable String expression) {
        if (expression == null || expression.isBlank()) {
            return Parsed.problem(new Problem("listening.query.error.empty", 0, ""));
        }
        if (expression.length() > MAX_LENGTH) {
            return Parsed.problem(
                    new Problem("listening.query.error.too-long", MAX_LENGTH, String.valueOf(MAX_LENGTH)));
        }
        try {
            var parser = new Parser(expression.strip());
            Node root = parser.query();
            if (!root.positive()) {
                return Parsed.problem(new Problem("listening.query.error.only-exclusions", 0, ""));
            }
            return new Parsed(new ListeningQuery(root, expression.strip()), null);
        } catch (Malformed e) {
            return Parsed.problem(e.problem);
        }
    }

    /** Whether the text (as received: it is folded here) matches. */
    public boolean matches(String text) {
        return matches(Text.of(text));
    }

    /** Whether the text, folded once for all queries, matches. */
    public boolean matches(Text text) {
        return root.matches(text);
    }

    @Override
    public String toString() {
        return expression;
    }

    /** The outcome of parsing: a query, or a problem to show next to the field. */
    public record Parsed(@Nullable ListeningQuery query, @Nullable Problem problem) {

        static Parsed problem(Problem problem) {
            return new Parsed(null, problem);
        }

        public Optional<ListeningQuery> valid() {
            return Optional.ofNullable(query);
        }
    }

    /**
     * What is wrong, as a message key whose arguments are the position (1-based character) and a detail (the offending
     * word, or a limit).
     */
    public record Problem(String key, int position, String detail) {

        public Object[] arguments() {
            return new Object[] {position + 1, detail};
        }
    }

    /** A text folded for matching: lower case without accents, split into words with their hashtag/mention mark. */
    public static final class Text {

        private final String folded;
        private final List<String> words;
        private final List<Character> marks;
        private final Set<String> plain;
        private final Set<String> marked;

        private Text(String folded) {
            this.folded = folded;
            this.words = new ArrayList<>();
            this.marks = new ArrayList<>();
            split(folded, words, marks);
            this.plain = new HashSet<>(words);
            this.marked = new HashSet<>();
            for (int i = 0; i < words.size(); i++) {
                if (marks.get(i) != ' ') {
                    marked.add(marks.get(i) + words.get(i));
                }
            }
        }

        public static Text of(String text) {
            return new Text(fold(text));
        }

        boolean has(Word word) {
            if (word.unspaced()) {
                return folded.contains(word.word());
            }
            if (word.wildcard()) {
                for (int i = 0; i < words.size(); i++) {
                    if (word.at(words.get(i), marks.get(i))) {
                        return true;
                    }
                }
                return false;
            }
            return word.mark() == ' ' ? plain.contains(word.word()) : marked.contains(word.mark() + word.word());
        }

        boolean hasSequence(List<Word> sequence) {
            for (int start = 0; start + sequence.size() <= words.size(); start++) {
                int i = 0;
                while (i < sequence.size() && sequence.get(i).at(words.get(start + i), marks.get(start + i))) {
                    i++;
                }
                if (i == sequence.size()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Lower case, no accents, styled letters made plain: the form both queries and texts are compared in. */
    static String fold(String text) {
        String plain = Normalisation.normalise(text);
        String decomposed = Normalizer.normalize(plain, Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** Splits folded text into words (letters, digits, underscore), each marked '#', '@' or ' ' by what precedes it. */
    private static void split(String folded, List<String> words, List<Character> marks) {
        int i = 0;
        while (i < folded.length()) {
            int cp = folded.codePointAt(i);
            if (!wordChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < folded.length() && wordChar(folded.codePointAt(i))) {
                i += Character.charCount(folded.codePointAt(i));
            }
            char before = start > 0 ? folded.charAt(start - 1) : ' ';
            marks.add(before == '#' || before == '@' ? before : ' ');
            words.add(folded.substring(start, i));
        }
    }

    private static boolean wordChar(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '_';
    }

    // --- the tree

    private sealed interface Node permits Word, Phrase, Not, All, Any {
        boolean matches(Text text);

        /** Whether the node can match by the presence of something, rather than only by an absence. */
        boolean positive();
    }

    /** One word: {@code mark} is '#', '@' or ' ' (any), {@code wildcard} for a prefix. */
    private record Word(String word, char mark, boolean wildcard, boolean unspaced) implements Node {

        @Override
        public boolean matches(Text text) {
            return text.has(this);
        }

        @Override
        public boolean positive() {
            return true;
        }

        boolean at(String candidate, char candidateMark) {
            if (mark != ' ' && mark != candidateMark) {
                return false;
            }
            return wildcard ? candidate.startsWith(word) : candidate.equals(word);
        }
    }

    private record Phrase(List<Word> words) implements Node {
        @Override
        public boolean matches(Text text) {
            return text.hasSequence(words);
        }

        @Override
        public boolean positive() {
            return true;
        }
    }

    private record Not(Node node) implements Node {
        @Override
        public boolean matches(Text text) {
            return !node.matches(text);
        }

        @Override
        public boolean positive() {
            return false;
        }
    }

    private record All(List<Node> nodes) implements Node {
        @Override
        public boolean matches(Text text) {
            for (Node node : nodes) {
                if (!node.matches(text)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean positive() {
            return nodes.stream().anyMatch(Node::positive);
        }
    }

    private record Any(List<Node> nodes) implements Node {
        @Override
        public boolean matches(Text text) {
            for (Node node : nodes) {
                if (node.matches(text)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean positive() {
            return nodes.stream().allMatch(Node::positive);
        }
    }

    // --- parsing

    private static final class Malformed extends RuntimeException {
        final Problem problem;

        Malformed(String key, int position, String detail) {
            super(key, null, false, false);
            this.problem = new Problem(key, position, detail);
        }
    }

    private enum Kind {
        OPEN,
        CLOSE,
        AND,
        OR,
        NOT,
        MINUS,
        PHRASE,
        TERM,
        END
    }

    private record Token(Kind kind, String text, int position) {}

    /** Recursive descent: or := and (OR and)*; and := unary ([AND] unary)*; unary := (NOT|-) unary | primary. */
    private static final class Parser {

        private final List<Token> tokens;
        private int next;
        private int depth;
        private int terms;

        Parser(String expression) {
            this.tokens = tokens(expression);
        }

        Node query() {
            Node node = or();
            Token token = peek();
            if (token.kind() == Kind.CLOSE) {
                throw new Malformed("listening.query.error.unexpected-close", token.position(), ")");
            }
            return node;
        }

        private Node or() {
            var nodes = new ArrayList<Node>();
            nodes.add(and());
            while (peek().kind() == Kind.OR) {
                next++;
                nodes.add(and());
            }
            return nodes.size() == 1 ? nodes.get(0) : new Any(List.copyOf(nodes));
        }

        private Node and() {
            var nodes = new ArrayList<Node>();
            nodes.add(unary());
            while (true) {
                Kind kind = peek().kind();
                if (kind == Kind.AND) {
                    next++;
                } else if (kind == Kind.OR || kind == Kind.CLOSE || kind == Kind.END) {
                    break;
                }
                nodes.add(unary());
            }
            return nodes.size() == 1 ? nodes.get(0) : new All(List.copyOf(nodes));
        }

        private Node unary() {
            Token token = peek();
            if (token.kind() == Kind.NOT || token.kind() == Kind.MINUS) {
                next++;
                return new Not(deeper(token, this::unary));
            }
            return primary();
        }

        private Node primary() {
            Token token = tokens.get(next++);
            return switch (token.kind()) {
                case OPEN -> {
                    if (peek().kind() == Kind.CLOSE) {
                        throw new Malformed("listening.query.error.empty-group", token.position(), "()");
                    }
                    Node inner = deeper(token, this::or);
                    Token close = tokens.get(next++);
                    if (close.kind() != Kind.CLOSE) {
                        throw new Malformed("listening.query.error.unclosed", token.position(), "(");
                    }
                    yield inner;
                }
                case PHRASE -> phrase(token);
                case TERM -> term(token);
                case END -> throw new Malformed("listening.query.error.missing-term", token.position(), "");
                default -> throw new Malformed("listening.query.error.missing-term", token.position(), token.text());
            };
        }

        private Node deeper(Token token, java.util.function.Supplier<Node> inner) {
            if (++depth > MAX_DEPTH) {
                throw new Malformed("listening.query.error.too-deep", token.position(), String.valueOf(MAX_DEPTH));
            }
            Node node = inner.get();
            depth--;
            return node;
        }

        private Node phrase(Token token) {
            List<Word> words = words(token, token.text(), false);
            if (words.isEmpty()) {
                throw new Malformed("listening.query.error.no-words", token.position(), token.text());
            }
            return words.size() == 1 ? words.get(0) : new Phrase(words);
        }

        private Node term(Token token) {
            String text = token.text();
            boolean wildcard = text.endsWith("*");
            if (wildcard) {
                text = text.substring(0, text.length() - 1);
            }
            List<Word> words = words(token, text, wildcard);
            if (words.isEmpty()) {
                throw new Malformed("listening.query.error.no-words", token.position(), token.text());
            }
            if (wildcard
                    && words.getLast()
                                    .word()
                                    .codePointCount(0, words.getLast().word().length())
                            < MIN_WILDCARD_STEM) {
                throw new Malformed(
                        "listening.query.error.wildcard-short", token.position(), String.valueOf(MIN_WILDCARD_STEM));
            }
            // "e-mail" or "o'neil": the words of one term follow each other, as in a phrase.
            return words.size() == 1 ? words.get(0) : new Phrase(words);
        }

        private List<Word> words(Token token, String text, boolean wildcard) {
            String folded = fold(text);
            if (UNSPACED_SCRIPT.matcher(folded).find()) {
                count(token);
                return List.of(new Word(folded.strip(), ' ', false, true));
            }
            var words = new ArrayList<String>();
            var marks = new ArrayList<Character>();
            split(folded, words, marks);
            var result = new ArrayList<Word>();
            for (int i = 0; i < words.size(); i++) {
                count(token);
                result.add(new Word(words.get(i), marks.get(i), wildcard && i == words.size() - 1, false));
            }
            return result;
        }

        private void count(Token token) {
            if (++terms > MAX_TERMS) {
                throw new Malformed(
                        "listening.query.error.too-many-terms", token.position(), String.valueOf(MAX_TERMS));
            }
        }

        private Token peek() {
            return tokens.get(next);
        }
    }

    private static List<Token> tokens(String expression) {
        var tokens = new ArrayList<Token>();
        int i = 0;
        int length = expression.length();
        while (i < length) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Kind.OPEN, "(", i++));
            } else if (c == ')') {
                tokens.add(new Token(Kind.CLOSE, ")", i++));
            } else if (c == '"') {
                int end = expression.indexOf('"', i + 1);
                if (end < 0) {
                    throw new Malformed("listening.query.error.unclosed-quote", i, "\"");
                }
                tokens.add(new Token(Kind.PHRASE, expression.substring(i + 1, end), i));
                i = end + 1;
            } else if (c == '-' && i + 1 < length && startsOperand(expression.charAt(i + 1))) {
                tokens.add(new Token(Kind.MINUS, "-", i++));
            } else {
                int start = i;
                while (i < length
                        && !Character.isWhitespace(expression.charAt(i))
                        && "()\"".indexOf(expression.charAt(i)) < 0) {
                    i++;
                }
                String word = expression.substring(start, i);
                Kind kind =
                        switch (word) {
                            case "AND" -> Kind.AND;
                            case "OR" -> Kind.OR;
                            case "NOT" -> Kind.NOT;
                            default -> Kind.TERM;
                        };
                tokens.add(new Token(kind, word, start));
            }
        }
        tokens.add(new Token(Kind.END, "", length));
        return tokens;
    }

    private static boolean startsOperand(char c) {
        return !Character.isWhitespace(c) && c != ')' && c != '-';
    }
}
