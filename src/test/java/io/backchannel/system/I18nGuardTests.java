package io.backchannel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.backchannel.identity.Role;
import io.backchannel.identity.internal.AccountFilter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * Guards the interface languages without starting Spring: the bundles agree, every page text comes from a bundle,
 * and every message key the templates and the Java code name exists. Each test reports all offenders at once.
 */
class I18nGuardTests {

    private static final Path MAIN = Path.of("src", "main");
    private static final Path MESSAGES = MAIN.resolve("resources/messages");
    private static final Path TEMPLATES = MAIN.resolve("resources/templates");
    private static final Path JAVA = MAIN.resolve("java");

    /** Keys whose German text may equal the English one (names, language names, loan words). */
    private static final List<String> SAME_IN_BOTH = List.of(
            "app.name",
            "home.title",
            "language.*",
            "text.language.*",
            "layout.language.*",
            "layout.nav.teams",
            "admin.teams.title",
            "admin.teams.heading",
            "field.status",
            "field.display-name",
            "role.ADMIN");

    /** Attributes a person reads or hears; a literal value with letters must have a {@code th:} counterpart. */
    private static final List<String> TEXT_ATTRIBUTES = List.of("placeholder", "title", "alt", "aria-label");

    private static final Pattern LETTER = Pattern.compile("\\p{L}");

    private static Map<String, Properties> english;
    private static Map<String, Properties> german;
    private static Set<String> allKeys;

    @BeforeAll
    static void loadBundles() throws IOException {
        english = new TreeMap<>();
        german = new TreeMap<>();
        try (Stream<Path> files = Files.list(MESSAGES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties"))
                    .sorted()
                    .toList()) {
                String name = file.getFileName().toString().replace(".properties", "");
                if (name.endsWith("_de")) {
                    german.put(name.substring(0, name.length() - 3), load(file));
                } else if (!name.contains("_")) {
                    english.put(name, load(file));
                }
            }
        }
        assertThat(english).as("English bundles in %s", MESSAGES).isNotEmpty();
        allKeys = new TreeSet<>();
        english.values().forEach(bundle -> allKeys.addAll(bundle.stringPropertyNames()));
    }

    @Test
    void everyBundleHasTheSameKeysInEnglishAndGermanAndNoEmptyOrUntranslatedValues() {
        var offenders = new ArrayList<String>();
        assertThat(german.keySet()).as("every English bundle has a German one").isEqualTo(english.keySet());
        english.forEach((bundle, en) -> {
            Properties de = german.getOrDefault(bundle, new Properties());
            for (String key : new TreeSet<>(en.stringPropertyNames())) {
                String value = en.getProperty(key);
                if (!de.containsKey(key)) {
                    offenders.add(bundle + "_de: missing " + key);
                } else if (value.equals(de.getProperty(key)) && !sameInBothAllowed(key)) {
                    offenders.add(bundle + "_de: " + key + " is not translated (\"" + value + "\")");
                }
                if (value.isBlank()) {
                    offenders.add(bundle + ": " + key + " is empty");
                }
            }
            for (String key : new TreeSet<>(de.stringPropertyNames())) {
                if (!en.containsKey(key)) {
                    offenders.add(bundle + ": missing " + key + " (only in German)");
                }
                if (de.getProperty(key).isBlank()) {
                    offenders.add(bundle + "_de: " + key + " is empty");
                }
            }
        });
        report("Bundles differ between English and German", offenders);
    }

    @Test
    void placeholdersAgreeAndMessageFormatQuotingIsSafe() {
        var offenders = new ArrayList<String>();
        english.forEach((bundle, en) -> {
            Properties de = german.getOrDefault(bundle, new Properties());
            for (String key : new TreeSet<>(en.stringPropertyNames())) {
                String value = en.getProperty(key);
                String translation = de.getProperty(key, value);
                if (!placeholders(value).equals(placeholders(translation))) {
                    offenders.add(bundle + ": " + key + " has placeholders " + placeholders(value) + " in English but "
                            + placeholders(translation) + " in German");
                }
                for (String text : List.of(value, translation)) {
                    // With arguments, MessageFormat eats a single apostrophe: "it's {0}" shows as "its {0}".
                    if (text.matches("(?s).*\\{\\d.*") && text.replace("''", "").contains("'")) {
                        offenders.add(bundle + ": " + key + " has a single apostrophe next to an argument: " + text);
                    }
                }
            }
        });
        report("Placeholders differ or will be mangled", offenders);
    }

    @Test
    void templatesHaveNoLiteralText() throws IOException {
        var offenders = new ArrayList<String>();
        for (Path template : templates()) {
            offenders.addAll(literalTextIn(TEMPLATES.relativize(template).toString(), Files.readString(template)));
        }
        report("Templates contain text that is not taken from a message bundle", offenders);
    }

    @Test
    void guardFindsPlantedLiteralText() {
        String planted =
                """
                <section><h1 th:text="#{x.y}">Prototype</h1><p>Hello <b th:text="${name}"></b></p>
                <input placeholder="Your name"><img alt="" src="a.png"><a title="12">x</a>
                <span th:text="'Guten ' + #{x.y}"></span><p th:text="${a} ? 'Yes' : #{no}"></p></section>""";
        assertThat(literalTextIn("planted.html", planted))
                .containsExactlyInAnyOrder(
                        "planted.html: literal text \"Hello\" in <p>",
                        "planted.html: literal text \"x\" in <a>",
                        "planted.html: literal placeholder=\"Your name\" on <input>",
                        "planted.html: literal text 'Guten ' in th:text of <span>",
                        "planted.html: literal text 'Yes' in th:text of <p>");
    }

    @Test
    void everyMessageKeyNamedInTemplatesExists() throws IOException {
        var offenders = new ArrayList<String>();
        int found = 0;
        Pattern staticKey = Pattern.compile("#\\{([A-Za-z0-9_.\\-]+)[(}]");
        // Fragment parameters that the fragment resolves as #{${label}}.
        Pattern fieldLabel = Pattern.compile("forms\\s*::\\s*field\\(\\s*'[^']*'\\s*,\\s*'([^']+)'");
        for (Path template : templates()) {
            String text = Files.readString(template);
            for (Pattern pattern : List.of(staticKey, fieldLabel)) {
                Matcher matcher = pattern.matcher(text);
                while (matcher.find()) {
                    found++;
                    if (!allKeys.contains(matcher.group(1))) {
                        offenders.add(TEMPLATES.relativize(template) + ": " + matcher.group(1));
                    }
                }
            }
            // Keys built from a prefix and a value: every possible value must have its key.
            requireFamily(text, "'role.'", "role.", names(Role.values()), template, offenders);
            requireFamily(
                    text,
                    "'account.status.'",
                    "account.status.",
                    names(AccountFilter.Status.values()),
                    template,
                    offenders);
            requireFamily(text, "'mail.status.'", "mail.status.", mailStatuses(), template, offenders);
        }
        assertThat(found).as("message keys found in templates").isGreaterThan(100);
        report("Templates name message keys that no bundle has", offenders);
    }

    @Test
    void everyMessageKeyNamedInJavaExists() throws IOException {
        var patterns = List.of(
                Pattern.compile("rejectValue\\(\\s*\"[^\"]*\"\\s*,\\s*\"([^\"]+)\""),
                Pattern.compile("\\breject\\(\\s*\"([^\"]+)\""),
                Pattern.compile("getMessage\\(\\s*\"([^\"]+)\"\\s*[,)]"),
                Pattern.compile("message\\s*=\\s*\"\\{([^}\"]+)}\""),
                Pattern.compile("write\\([^;]*HttpStatus\\.\\w+\\s*,\\s*\"([^\"]+)\"\\)"));
        Pattern flash = Pattern.compile("addFlashAttribute\\(\\s*\"(?:flash|flashError)\"\\s*,([^;]*)\\);");
        Pattern literal = Pattern.compile("\"([^\"]+)\"");
        Pattern mail = Pattern.compile("send\\(\\s*account\\s*,\\s*\"([^\"]+)\"");
        Pattern problemStatus = Pattern.compile("write\\([^;]*HttpStatus\\.(\\w+)\\s*,");
        Pattern loginReasons = Pattern.compile("error\\.matches\\(\"([^\"]+)\"\\)");
        var offenders = new ArrayList<String>();
        int found = 0;
        for (Path source : javaSources()) {
            String text = Files.readString(source);
            String where = JAVA.relativize(source).toString();
            var keys = new ArrayList<String>();
            for (Pattern pattern : patterns) {
                Matcher matcher = pattern.matcher(text);
                while (matcher.find()) {
                    keys.add(matcher.group(1));
                }
            }
            Matcher flashes = flash.matcher(text);
            while (flashes.find()) {
                Matcher literals = literal.matcher(flashes.group(1));
                while (literals.find()) {
                    keys.add(literals.group(1));
                }
            }
            Matcher mails = mail.matcher(text);
            while (mails.find()) {
                keys.add(mails.group(1) + ".subject");
                keys.add(mails.group(1) + ".body");
            }
            if (text.contains("\"login.error.\" + ")) {
                Matcher reasons = loginReasons.matcher(text);
                assertThat(reasons.find()).as("login error reasons in " + where).isTrue();
                keys.add("login.error.credentials");
                Arrays.stream(reasons.group(1).split("\\|")).forEach(r -> keys.add("login.error." + r));
            }
            // Problem titles looked up without a fallback: one per status the class answers with.
            if (text.contains("getMessage(\"error.\" + status.value() + \".title\", null, locale)")) {
                Matcher statuses = problemStatus.matcher(text);
                while (statuses.find()) {
                    keys.add("error." + HttpStatus.valueOf(statuses.group(1)).value() + ".title");
                }
            }
            found += keys.size();
            for (String key : keys) {
                if (!allKeys.contains(key)) {
                    offenders.add(where + ": " + key);
                }
            }
        }
        assertThat(found).as("message keys found in Java sources").isGreaterThan(40);
        report("Java code names message keys that no bundle has", offenders);
    }

    // --- templates

    static List<String> literalTextIn(String name, String html) {
        var offenders = new ArrayList<String>();
        Document document = Jsoup.parse(html, "", Parser.htmlParser().setTrackErrors(0));
        for (Element element : document.getAllElements()) {
            for (TextNode node : element.textNodes()) {
                String text = node.getWholeText().strip();
                if (LETTER.matcher(text).find() && !textFromExpression(element)) {
                    offenders.add(name + ": literal text \"" + text + "\" in <" + element.tagName() + ">");
                }
            }
            for (String attribute : TEXT_ATTRIBUTES) {
                String value = element.attr(attribute);
                if (LETTER.matcher(value).find()
                        && !element.hasAttr("th:" + attribute)
                        && !element.attr("th:attr").contains(attribute + "=")) {
                    offenders.add(
                            name + ": literal " + attribute + "=\"" + value + "\" on <" + element.tagName() + ">");
                }
            }
            if (element.tagName().equals("input")
                    && element.attr("type").matches("(?i)submit|button|reset")
                    && LETTER.matcher(element.attr("value")).find()
                    && !element.hasAttr("th:value")) {
                offenders.add(name + ": literal button value=\"" + element.attr("value") + "\"");
            }
            for (String attribute : List.of("th:text", "th:utext")) {
                if (element.hasAttr(attribute)) {
                    for (String quoted : quotedOutsideMessages(element.attr(attribute))) {
                        if (LETTER.matcher(quoted).find()) {
                            offenders.add(name + ": literal text '" + quoted + "' in " + attribute + " of <"
                                    + element.tagName() + ">");
                        }
                    }
                }
            }
        }
        return offenders;
    }

    /** Whether the element or one of its ancestors replaces its body with th:text or th:utext. */
    private static boolean textFromExpression(Element element) {
        for (Element e = element; e != null; e = e.parent()) {
            if (e.hasAttr("th:text") || e.hasAttr("th:utext")) {
                return true;
            }
        }
        return false;
    }

    /** The '...' literals of a Thymeleaf expression that are not inside a #{...} message expression. */
    private static List<String> quotedOutsideMessages(String expression) {
        var withoutMessages = new StringBuilder();
        for (int i = 0; i < expression.length(); i++) {
            if (expression.startsWith("#{", i)) {
                int depth = 0;
                for (; i < expression.length(); i++) {
                    char c = expression.charAt(i);
                    if (c == '{') {
                        depth++;
                    } else if (c == '}' && --depth == 0) {
                        break;
                    }
                }
            } else {
                withoutMessages.append(expression.charAt(i));
            }
        }
        var literals = new ArrayList<String>();
        Matcher matcher = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'").matcher(withoutMessages);
        while (matcher.find()) {
            literals.add(matcher.group(1));
        }
        return literals;
    }

    private static void requireFamily(
            String template, String marker, String prefix, List<String> values, Path file, List<String> offenders) {
        if (template.contains(marker)) {
            for (String value : values) {
                if (!allKeys.contains(prefix + value)) {
                    offenders.add(TEMPLATES.relativize(file) + ": " + prefix + value + " (built from " + marker + ")");
                }
            }
        }
    }

    /** The mail states the database allows, from the check constraint of the migration. */
    private static List<String> mailStatuses() {
        try (Stream<Path> files = Files.list(MAIN.resolve("resources/db/migration"))) {
            Pattern constraint = Pattern.compile("status\\s+text[^,]*check\\s*\\(status in \\(([^)]*)\\)\\)");
            for (Path file : files.sorted().toList()) {
                String sql = Files.readString(file);
                if (sql.contains("create table system_mail")) {
                    Matcher matcher = constraint.matcher(sql.substring(sql.indexOf("create table system_mail")));
                    assertThat(matcher.find()).as("status check of system_mail").isTrue();
                    return Arrays.stream(matcher.group(1).split(","))
                            .map(s -> s.strip().replace("'", ""))
                            .toList();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fail("no migration creates system_mail");
    }

    // --- helpers

    private static boolean sameInBothAllowed(String key) {
        return SAME_IN_BOTH.stream()
                .anyMatch(allowed -> allowed.endsWith(".*")
                        ? key.startsWith(allowed.substring(0, allowed.length() - 1))
                        : key.equals(allowed));
    }

    private static Set<String> placeholders(String message) {
        var found = new TreeSet<String>();
        Matcher matcher = Pattern.compile("\\{(\\w+)").matcher(message);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static Properties load(Path file) throws IOException {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            var list =
                    files.filter(f -> f.toString().endsWith(".html")).sorted().toList();
            assertThat(list).as("templates in %s", TEMPLATES).isNotEmpty();
            return list;
        }
    }

    private static List<Path> javaSources() throws IOException {
        try (Stream<Path> files = Files.walk(JAVA)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static void report(String problem, List<String> offenders) {
        if (!offenders.isEmpty()) {
            fail(problem + " (" + offenders.size() + "):\n  " + String.join("\n  ", offenders));
        }
    }
}
