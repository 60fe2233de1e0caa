package io.backchannel.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.backchannel.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Big List of Naughty Strings (from the shared corpora, never copied into the repository) as display names and
 * search terms: each is either accepted and shown back escaped, or refused with a translated message; never a 5xx.
 */
@IntegrationTest
public class NaughtyStringsTests {

    private static final String PASSWORD = "naughty strings 4ever";
    private static final Pattern TOKEN = Pattern.compile("/register/confirm\\?token=([A-Za-z0-9_-]+)");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdentityManagement identity;

    @Autowired
    MessageSource messages;

    /**
     * Registering, confirming and logging in costs two BCrypt hashes per string, so by default a deterministic part
     * of the list takes that path: every string that must be refused, and every third of the others. Run with
     * {@code -Dbackchannel.naughty.all=true} for all of them. The cheaper checks below always take every string.
     */
    @Test
    void registeringWithANaughtyNameShowsItEscapedOrRefusesItWithATranslatedMessage() throws Exception {
        List<String> strings = naughtyStrings();
        boolean all = Boolean.getBoolean("backchannel.naughty.all");
        var accepted = Collections.synchronizedList(new ArrayList<String>());
        var chosen = IntStream.range(0, strings.size())
                .filter(i -> all || i % 3 == 0 || refusal(strings.get(i)) != null)
                .boxed()
                .toList();
        var problems = inParallel(chosen, i -> registerAndShow(i, strings.get(i), accepted));
        MockHttpSession admin = admin();
        for (String email : accepted) {
            mailDetail(admin, email).ifPresent(problems::add);
        }
        assertThat(accepted).as("strings accepted as display names").hasSizeGreaterThan(chosen.size() / 2);
        report(problems);
    }

    /** The profile form has the same rules as registration but no password to hash: every string goes through it. */
    @Test
    void everyNaughtyStringIsSavedAsProfileNameAndShownEscapedOrRefused() throws Exception {
        List<String> strings = naughtyStrings();
        var sessions = ThreadLocal.withInitial(() -> new Sessions(customer(), admin()));
        var problems = inParallel(
                IntStream.range(0, strings.size()).boxed().toList(), i -> rename(sessions.get(), i, strings.get(i)));
        report(problems);
    }

    @Test
    void everyNaughtyStringIsASearchTermForAdmins() throws Exception {
        List<String> strings = naughtyStrings();
        var sessions = ThreadLocal.withInitial(this::admin);
        var problems = inParallel(
                IntStream.range(0, strings.size()).boxed().toList(), i -> search(sessions.get(), i, strings.get(i)));
        report(problems);
    }

    /** Registers with the string as name; if accepted, confirms, logs in and reads the account page. */
    private Optional<String> registerAndShow(int index, String name, List<String> accepted) throws Exception {
        String email = "naughty-" + index + "-" + UUID.randomUUID() + "@example.org";
        MvcResult registered = mvc.perform(post("/register")
                        .with(csrf())
                        .param("email", email)
                        .param("displayName", name)
                        .param("password", PASSWORD)
                        .param("passwordRepeat", PASSWORD))
                .andReturn();
        int status = registered.getResponse().getStatus();
        String expectedError = refusal(name);
        if (status >= 500) {
            return problem(index, name, "registration answered " + status);
        }
        if (status == 200) {
            Document page = Jsoup.parse(registered.getResponse().getContentAsString());
            List<String> errors = page.select(".field-error").eachText();
            if (expectedError == null) {
                return problem(index, name, "refused although valid: " + errors);
            }
            if (!errors.equals(List.of(expectedError)) || page.getElementById("displayName-error") == null) {
                return problem(index, name, "refused with " + errors + ", expected [" + expectedError + "]");
            }
            return countAccounts(email) == 0 ? Optional.empty() : problem(index, name, "refused but stored anyway");
        }
        if (status != 302 || !"/login".equals(registered.getResponse().getRedirectedUrl())) {
            return problem(
                    index,
                    name,
                    "registration answered " + status + " "
                            + registered.getResponse().getRedirectedUrl());
        }
        if (expectedError != null) {
            return problem(index, name, "accepted although it should be refused with: " + expectedError);
        }
        accepted.add(email);
        String stored = jdbc.sql("select display_name from identity_account where email = ?")
                .param(email)
                .query(String.class)
                .single();
        if (!stored.equals(name.strip())) {
            return problem(index, name, "stored as " + describe(stored));
        }
        if (stored.isBlank()) {
            return problem(index, name, "accepted as name but stored blank");
        }

        confirm(email);
        MvcResult login = mvc.perform(
                        post("/login").with(csrf()).param("email", email).param("password", PASSWORD))
                .andReturn();
        if (!"/account".equals(login.getResponse().getRedirectedUrl())) {
            return problem(
                    index,
                    name,
                    "login led to " + login.getResponse().getStatus() + " "
                            + login.getResponse().getRedirectedUrl());
        }
        var session = (MockHttpSession) login.getRequest().getSession(false);
        MvcResult account = mvc.perform(get("/account").session(session)).andReturn();
        if (account.getResponse().getStatus() != 200) {
            return problem(
                    index, name, "/account answered " + account.getResponse().getStatus());
        }
        String html = account.getResponse().getContentAsString();
        Element heading = Jsoup.parse(html).selectFirst("main h1");
        String expected = "Welcome, " + asParsed(stored);
        if (heading == null || !heading.wholeText().equals(expected)) {
            return problem(
                    index,
                    name,
                    "heading is " + (heading == null ? "missing" : describe(heading.wholeText())) + ", expected "
                            + describe(expected));
        }
        if (stored.contains("<") && html.contains(stored)) {
            return problem(index, name, "appears unescaped in /account");
        }
        Element nameField = Jsoup.parse(html).getElementById("displayName");
        if (nameField == null || !nameField.val().equals(asParsed(stored))) {
            return problem(
                    index, name, "name field holds " + (nameField == null ? "nothing" : describe(nameField.val())));
        }
        return Optional.empty();
    }

    /** Saves the string as the customer's name; if accepted, the form and the admin's account page show it back. */
    private Optional<String> rename(Sessions sessions, int index, String name) throws Exception {
        MockHttpSession customer = sessions.customer().session();
        MockHttpSession admin = sessions.admin();
        MvcResult saved = mvc.perform(post("/account")
                        .with(csrf())
                        .session(customer)
                        .param("displayName", name)
                        .param("locale", "en"))
                .andReturn();
        int status = saved.getResponse().getStatus();
        String expectedError = refusal(name);
        if (status == 200) {
            List<String> errors = Jsoup.parse(saved.getResponse().getContentAsString())
                    .select(".field-error")
                    .eachText();
            return errors.equals(expectedError == null ? List.of() : List.of(expectedError)) && expectedError != null
                    ? Optional.empty()
                    : problem(index, name, "profile form refused with " + errors + ", expected " + expectedError);
        }
        if (status != 302 || expectedError != null) {
            return problem(index, name, "profile form answered " + status + ", expected refusal: " + expectedError);
        }
        UUID id = sessions.customer().id();
        String stored = jdbc.sql("select display_name from identity_account where id = ?")
                .param(id)
                .query(String.class)
                .single();
        if (!stored.equals(name.strip()) || stored.isBlank()) {
            return problem(index, name, "profile name stored as " + describe(stored));
        }
        String html = mvc.perform(get("/account").session(customer))
                .andReturn()
                .getResponse()
                .getContentAsString();
        Element field = Jsoup.parse(html).getElementById("displayName");
        if (field == null || !field.val().equals(asParsed(stored))) {
            return problem(index, name, "profile field holds " + (field == null ? "nothing" : describe(field.val())));
        }
        MvcResult detail =
                mvc.perform(get("/admin/accounts/{id}", id).session(admin)).andReturn();
        Element heading = Jsoup.parse(detail.getResponse().getContentAsString()).selectFirst("main h1");
        if (detail.getResponse().getStatus() != 200
                || heading == null
                || !heading.wholeText().equals(asParsed(stored))) {
            return problem(
                    index,
                    name,
                    "admin account page answered " + detail.getResponse().getStatus() + " with heading "
                            + (heading == null ? "none" : describe(heading.wholeText())));
        }
        if (stored.contains("<") && detail.getResponse().getContentAsString().contains(stored)) {
            return problem(index, name, "appears unescaped on the admin account page");
        }
        return Optional.empty();
    }

    private Optional<String> search(MockHttpSession admin, int index, String text) throws Exception {
        for (String list : List.of("/admin/accounts", "/admin/mail")) {
            MvcResult result =
                    mvc.perform(get(list).param("q", text).session(admin)).andReturn();
            if (result.getResponse().getStatus() != 200) {
                return problem(
                        index,
                        text,
                        list + "?q= answered " + result.getResponse().getStatus());
            }
            Element box = Jsoup.parse(result.getResponse().getContentAsString()).getElementById("q");
            if (box == null || !box.val().equals(asParsed(text))) {
                return problem(
                        index, text, list + " search box holds " + (box == null ? "nothing" : describe(box.val())));
            }
        }
        return Optional.empty();
    }

    /** The confirmation mail of an accepted name shows its body as text, links and all. */
    private Optional<String> mailDetail(MockHttpSession admin, String email) throws Exception {
        var mail = jdbc.sql("select id, body from system_mail where recipient = ?")
                .param(email)
                .query((rs, row) -> new Object[] {rs.getObject("id", UUID.class), rs.getString("body")})
                .single();
        MvcResult result =
                mvc.perform(get("/admin/mail/{id}", mail[0]).session(admin)).andReturn();
        if (result.getResponse().getStatus() != 200) {
            return Optional.of(
                    email + ": mail detail answered " + result.getResponse().getStatus());
        }
        Element body = Jsoup.parse(result.getResponse().getContentAsString()).selectFirst(".mail-body");
        if (body == null || !body.wholeText().equals(asParsed((String) mail[1]))) {
            return Optional.of(
                    email + ": mail detail shows " + (body == null ? "no body" : describe(body.wholeText())));
        }
        return Optional.empty();
    }

    /** The message a registration or profile form must refuse the name with, or null if it must accept it. */
    private @Nullable String refusal(String name) {
        if (name.isBlank()) {
            return english("validation.required");
        }
        return name.length() > 100 ? english("validation.too-long").replace("{max}", "100") : null;
    }

    private Customer customer() {
        String email = "naughty-customer-" + UUID.randomUUID() + "@example.org";
        UUID id = identity.createAccount(email, "Naughty Customer", PASSWORD, Set.of(Role.CUSTOMER), "en");
        return new Customer(id, login(email, "/account"));
    }

    record Customer(UUID id, MockHttpSession session) {}

    /** One worker thread's sessions: MockHttpSession is not made for concurrent requests. */
    record Sessions(Customer customer, MockHttpSession admin) {}

    private MockHttpSession admin() {
        String email = "naughty-admin-" + UUID.randomUUID() + "@example.org";
        identity.createAccount(email, "Naughty Admin", PASSWORD, Set.of(Role.ADMIN, Role.STAFF), "en");
        return login(email, "/workspace");
    }

    private MockHttpSession login(String email, String landing) {
        try {
            MvcResult login = mvc.perform(
                            post("/login").with(csrf()).param("email", email).param("password", PASSWORD))
                    .andReturn();
            assertThat(login.getResponse().getRedirectedUrl()).isEqualTo(landing);
            return (MockHttpSession) login.getRequest().getSession(false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    interface Check {
        Optional<String> run(int index) throws Exception;
    }

    /** Runs the check for each index on a few threads (each with its own sessions); collects every problem. */
    private List<String> inParallel(List<Integer> indices, Check check) throws Exception {
        var problems = Collections.synchronizedList(new ArrayList<String>());
        ExecutorService pool =
                Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            var futures = new ArrayList<Future<?>>();
            for (int index : indices) {
                futures.add(pool.submit(() -> {
                    try {
                        check.run(index).ifPresent(problems::add);
                    } catch (Exception | AssertionError e) {
                        problems.add("#" + index + ": " + e);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        return problems;
    }

    private static void report(List<String> problems) {
        if (!problems.isEmpty()) {
            var sorted = new ArrayList<>(problems);
            Collections.sort(sorted);
            fail(sorted.size() + " naughty strings broke something:\n  " + String.join("\n  ", sorted));
        }
    }

    private void confirm(String email) throws Exception {
        String body = jdbc.sql("select body from system_mail where recipient = ?")
                .param(email)
                .query(String.class)
                .single();
        Matcher token = TOKEN.matcher(body);
        assertThat(token.find()).as("confirmation link in " + body).isTrue();
        mvc.perform(get("/register/confirm").param("token", token.group(1))).andReturn();
    }

    private long countAccounts(String email) {
        return jdbc.sql("select count(*) from identity_account where lower(email) = lower(?)")
                .param(email)
                .query(Long.class)
                .single();
    }

    private String english(String key) {
        return messages.getMessage(key, null, Locale.ENGLISH);
    }

    /** What an HTML parser makes of text written into a page: line breaks normalised to LF. */
    private static String asParsed(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static Optional<String> problem(int index, String text, String what) {
        return Optional.of(describe(index, text) + ": " + what);
    }

    private static String describe(int index, String text) {
        return "#" + index + " " + describe(text);
    }

    /** The string in quotes with invisible and special characters as escapes, so that reports stay readable. */
    public static String describe(String text) {
        var out = new StringBuilder("\"");
        text.codePoints().limit(80).forEach(cp -> {
            if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || Character.getType(cp) == Character.FORMAT || cp > 0xffff) {
                out.append(String.format("\\u{%x}", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append(text.codePointCount(0, text.length()) > 80 ? "…\"" : "\"")
                .toString();
    }

    // --- the corpus

    /** The corpus lives beside the repository ({@code ../shared/corpora}), or where BACKCHANNEL_CORPORA says. */
    public static List<String> naughtyStrings() throws Exception {
        Path file = corpora().resolve("naughty-strings/blns.json");
        String[] strings = JsonMapper.builder().build().readValue(Files.readString(file), String[].class);
        assertThat(strings).as(file.toString()).hasSizeGreaterThan(500);
        return List.of(strings);
    }

    public static Path corpora() {
        return corpora(
                Path.of("").toAbsolutePath().resolve("../shared/corpora").normalize(),
                System.getenv("BACKCHANNEL_CORPORA"),
                "true".equalsIgnoreCase(System.getenv("CI")));
    }

    /** Missing corpora fail the run when CI or BACKCHANNEL_CORPORA asks for them, and skip it elsewhere. */
    static Path corpora(Path beside, @Nullable String configured, boolean ci) {
        String named = configured == null || configured.isBlank() ? null : configured;
        Optional<Path> found = Stream.of(
                        Optional.of(beside), Optional.ofNullable(named).map(Path::of))
                .flatMap(Optional::stream)
                .filter(path -> Files.isRegularFile(path.resolve("naughty-strings/blns.json")))
                .findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        String message = "The shared corpora are missing: looked for naughty-strings/blns.json in " + beside
                + (named == null ? "" : " and in BACKCHANNEL_CORPORA=" + named);
        if (named != null || ci) {
            return fail(message + " (required because " + (named != null ? "BACKCHANNEL_CORPORA" : "CI") + " is set)");
        }
        return Assumptions.abort(message + "; skipped outside CI. Set BACKCHANNEL_CORPORA to require them.");
    }

    @Test
    void missingCorporaFailWhenRequiredAndAreSkippedOtherwise() {
        Path nowhere = Path.of("/nonexistent/shared/corpora");
        assertThatThrownBy(() -> corpora(nowhere, null, true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("required because CI");
        assertThatThrownBy(() -> corpora(nowhere, "/nonexistent/elsewhere", false))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("required because BACKCHANNEL_CORPORA");
        assertThatThrownBy(() -> corpora(nowhere, "", false)).isInstanceOf(TestAbortedException.class);
        Path real = corpora();
        assertThat(corpora(nowhere, real.toString(), true)).isEqualTo(real);
    }
}
