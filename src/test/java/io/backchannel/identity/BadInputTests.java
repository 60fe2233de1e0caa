package io.backchannel.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.backchannel.IntegrationTest;
import jakarta.servlet.RequestDispatcher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Empty, oversized, malformed and duplicate input on every public and admin form: the form comes back (200) with the
 * translated reason, nothing is stored, and nothing answers with a server error. Oversized bodies get 413, malformed
 * ids in paths 4xx.
 */
@IntegrationTest
class BadInputTests {

    private static final String PASSWORD = "bad input is fine";
    private static final String HUGE = "x".repeat(10_000);
    private static final List<String> MALFORMED_EMAILS =
            List.of("not-an-address", "@example.org", "someone@", "two@@example.org", "with space@example.org");
    private static final List<String> TABLES = List.of(
            "identity_account",
            "identity_account_role",
            "identity_team",
            "identity_team_member",
            "identity_api_token",
            "identity_one_time_token",
            "system_mail",
            "persistent_logins");
    private static final Locale EN = Locale.ENGLISH;
    private static final Locale DE = Locale.GERMAN;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdentityManagement identity;

    @Autowired
    MessageSource messages;

    MockHttpSession admin;
    String adminEmail;

    @BeforeEach
    void logInAdmin() throws Exception {
        adminEmail = unique("bad-admin");
        identity.createAccount(adminEmail, "Bad Input Admin", PASSWORD, Set.of(Role.ADMIN, Role.STAFF), "en");
        MvcResult login = mvc.perform(
                        post("/login").with(csrf()).param("email", adminEmail).param("password", PASSWORD))
                .andReturn();
        assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/workspace");
        admin = (MockHttpSession) login.getRequest().getSession(false);
    }

    // --- public forms

    @Test
    void registrationRefusesEmptyTooLongAndMalformedValues() throws Exception {
        refused(
                post("/register"),
                Map.of("email", "", "displayName", "", "password", "", "passwordRepeat", ""),
                EN,
                Map.of(
                        "email", msg("validation.required", EN),
                        "displayName", msg("validation.required", EN),
                        "password", msg("validation.required", EN)));
        refused(
                post("/register"),
                Map.of("email", "   ", "displayName", " \t ", "password", PASSWORD, "passwordRepeat", PASSWORD),
                DE,
                Map.of("email", msg("validation.required", DE), "displayName", msg("validation.required", DE)));
        refused(
                post("/register"),
                Map.of("email", HUGE + "@example.org", "displayName", HUGE, "password", HUGE, "passwordRepeat", HUGE),
                EN,
                Map.of(
                        "email", tooLong(254, EN),
                        "displayName", tooLong(100, EN),
                        "password", msg("validation.password.long", EN, 72)));
        refused(
                post("/register"),
                Map.of(
                        "email",
                        unique("ok"),
                        "displayName",
                        "Kim",
                        "password",
                        PASSWORD,
                        "passwordRepeat",
                        PASSWORD + "!"),
                DE,
                Map.of("passwordRepeat", msg("validation.password.mismatch", DE)));
        for (String email : MALFORMED_EMAILS) {
            refused(
                    post("/register"),
                    Map.of("email", email, "displayName", "Kim", "password", PASSWORD, "passwordRepeat", PASSWORD),
                    email.startsWith("two") ? DE : EN,
                    Map.of("email", msg("validation.email", email.startsWith("two") ? DE : EN)));
        }
        // A browser may leave out any field.
        refused(post("/register"), Map.of(), EN, Map.of("email", msg("validation.required", EN)));
    }

    @Test
    void registrationRefusesTheSameAddressTwiceWithoutRegardToCase() throws Exception {
        String email = unique("twice");
        mvc.perform(post("/register")
                        .with(csrf())
                        .param("email", email)
                        .param("displayName", "First")
                        .param("password", PASSWORD)
                        .param("passwordRepeat", PASSWORD))
                .andReturn();
        assertThat(accountsWith(email)).isOne();
        for (var attempt : List.of(Map.entry(email, EN), Map.entry(email.toUpperCase(Locale.ROOT), DE))) {
            refused(
                    post("/register"),
                    Map.of(
                            "email",
                            attempt.getKey(),
                            "displayName",
                            "Second",
                            "password",
                            PASSWORD,
                            "passwordRepeat",
                            PASSWORD),
                    attempt.getValue(),
                    Map.of("email", msg("register.email.taken", attempt.getValue())));
        }
        assertThat(accountsWith(email)).isOne();
    }

    @Test
    void resendAndForgotRefuseEmptyTooLongAndMalformedAddresses() throws Exception {
        for (String path : List.of("/register/resend", "/password/forgot")) {
            refused(post(path), Map.of("email", ""), EN, Map.of("email", msg("validation.required", EN)));
            refused(post(path), Map.of(), DE, Map.of("email", msg("validation.required", DE)));
            refused(post(path), Map.of("email", HUGE), EN, Map.of("email", tooLong(254, EN)));
            for (String email : MALFORMED_EMAILS) {
                refused(post(path), Map.of("email", email), DE, Map.of("email", msg("validation.email", DE)));
            }
            // An unknown address is answered like a known one, and nothing is sent.
            var before = counts();
            MvcResult unknown = mvc.perform(post(path).with(csrf()).param("email", unique("nobody")))
                    .andReturn();
            assertThat(unknown.getResponse().getRedirectedUrl()).isEqualTo("/login");
            assertThat(counts()).isEqualTo(before);
        }
    }

    @Test
    void passwordResetRefusesBadPasswordsAndBadLinksWithoutUsingTheLink() throws Exception {
        String email = unique("reset");
        identity.createAccount(email, "Reset Me", PASSWORD, Set.of(Role.CUSTOMER), "en");
        mvc.perform(post("/password/forgot").with(csrf()).param("email", email)).andReturn();
        String token = tokenFromMail(email, "/password/reset");
        String hash = passwordHash(email);

        refused(
                post("/password/reset"),
                Map.of("token", token, "password", "", "passwordRepeat", ""),
                EN,
                Map.of("password", msg("validation.required", EN)));
        refused(
                post("/password/reset"),
                Map.of("token", token),
                DE,
                Map.of("password", msg("validation.required", DE)));
        refused(
                post("/password/reset"),
                Map.of("token", token, "password", "short", "passwordRepeat", "short"),
                DE,
                Map.of("password", msg("validation.password.short", DE, 10)));
        refused(
                post("/password/reset"),
                Map.of("token", token, "password", HUGE, "passwordRepeat", HUGE),
                EN,
                Map.of("password", msg("validation.password.long", EN, 72)));
        refused(
                post("/password/reset"),
                Map.of("token", token, "password", "ä".repeat(37), "passwordRepeat", "ä".repeat(37)),
                EN,
                Map.of("password", msg("validation.password.long", EN, 72)));
        refused(
                post("/password/reset"),
                Map.of("token", token, "password", PASSWORD + "2", "passwordRepeat", PASSWORD + "3"),
                DE,
                Map.of("passwordRepeat", msg("validation.password.mismatch", DE)));
        for (var bad : List.of(Map.entry("", EN), Map.entry(HUGE, DE), Map.entry(token + "x", EN))) {
            var before = counts();
            MvcResult result = mvc.perform(post("/password/reset")
                            .with(csrf())
                            .header(HttpHeaders.ACCEPT_LANGUAGE, bad.getValue().getLanguage())
                            .param("token", bad.getKey())
                            .param("password", PASSWORD + "2")
                            .param("passwordRepeat", PASSWORD + "2"))
                    .andReturn();
            assertThat(result.getResponse().getStatus()).isEqualTo(200);
            assertThat(page(result).select(".flash.error").text())
                    .isEqualTo(msg("password.reset.invalid", bad.getValue()));
            assertThat(counts()).isEqualTo(before);
        }
        assertThat(passwordHash(email)).as("password unchanged").isEqualTo(hash);

        // The link still works after all those refusals.
        MvcResult done = mvc.perform(post("/password/reset")
                        .with(csrf())
                        .param("token", token)
                        .param("password", PASSWORD + "2")
                        .param("passwordRepeat", PASSWORD + "2"))
                .andReturn();
        assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/login");
        assertThat(passwordHash(email)).isNotEqualTo(hash);
    }

    @Test
    void loginRefusesEmptyTooLongAndMalformedCredentialsWithATranslatedReason() throws Exception {
        var cases = List.of(
                Map.of("email", "", "password", ""),
                Map.<String, String>of(),
                Map.of("email", HUGE, "password", HUGE),
                Map.of("email", "not-an-address", "password", PASSWORD),
                Map.of("email", "' or 1=1 --", "password", "' or 1=1 --"),
                Map.of("email", unique("nobody"), "password", PASSWORD));
        for (var params : cases) {
            var before = counts();
            var request = post("/login").with(csrf());
            params.forEach(request::param);
            MvcResult result = mvc.perform(request).andReturn();
            assertThat(result.getResponse().getStatus())
                    .as("%s", params.keySet())
                    .isEqualTo(302);
            assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/login?error=credentials");
            assertThat(counts()).isEqualTo(before);
        }
        for (Locale locale : List.of(EN, DE)) {
            MvcResult page = mvc.perform(get("/login")
                            .param("error", "credentials")
                            .header(HttpHeaders.ACCEPT_LANGUAGE, locale.getLanguage()))
                    .andReturn();
            assertThat(page.getResponse().getStatus()).isEqualTo(200);
            assertThat(page(page).select(".flash.error").text()).isEqualTo(msg("login.error.credentials", locale));
        }
        // Whatever a visitor puts into ?error= is shown as the general reason, never echoed.
        MvcResult odd = mvc.perform(get("/login").param("error", "<script>x</script>" + HUGE))
                .andReturn();
        assertThat(odd.getResponse().getStatus()).isEqualTo(200);
        assertThat(page(odd).select(".flash.error").text()).isEqualTo(msg("login.error.credentials", EN));
        assertThat(odd.getResponse().getContentAsString()).doesNotContain("<script>x");
    }

    // --- admin forms

    @Test
    void newStaffAccountRefusesEmptyTooLongMalformedAndDuplicateValues() throws Exception {
        Map<String, String> good =
                Map.of("email", unique("staff"), "displayName", "Sam", "roles", "STAFF", "locale", "en");
        refused(
                admin(post("/admin/accounts/new")),
                Map.of("email", "", "displayName", "", "locale", "en"),
                EN,
                Map.of(
                        "email", msg("validation.required", EN),
                        "displayName", msg("validation.required", EN),
                        "roles", msg("validation.choose-one", EN)));
        refused(
                admin(post("/admin/accounts/new")),
                with(good, "email", HUGE, "displayName", HUGE),
                DE,
                Map.of("email", tooLong(254, DE), "displayName", tooLong(100, DE)));
        for (String email : MALFORMED_EMAILS) {
            refused(
                    admin(post("/admin/accounts/new")),
                    with(good, "email", email),
                    EN,
                    Map.of("email", msg("validation.email", EN)));
        }
        refused(
                admin(post("/admin/accounts/new")),
                with(good, "email", adminEmail.toUpperCase(Locale.ROOT)),
                DE,
                Map.of("email", msg("register.email.taken", DE)));
        refused(
                admin(post("/admin/accounts/new")),
                with(good, "locale", "fr"),
                EN,
                Map.of("locale", msg("validation.choice", EN)));
    }

    @Test
    void newTeamRefusesEmptyTooLongAndDuplicateNamesWithoutRegardToCase() throws Exception {
        String name = "Support " + UUID.randomUUID().toString().substring(0, 8);
        MvcResult created = mvc.perform(
                        admin(post("/admin/teams")).param("name", name).param("description", ""))
                .andReturn();
        assertThat(created.getResponse().getStatus()).isEqualTo(302);
        assertThat(teamsNamed(name)).isOne();

        refused(admin(post("/admin/teams")), Map.of("name", ""), EN, Map.of("name", msg("validation.required", EN)));
        refused(admin(post("/admin/teams")), Map.of("name", "   "), DE, Map.of("name", msg("validation.required", DE)));
        refused(
                admin(post("/admin/teams")),
                Map.of("name", HUGE, "description", HUGE),
                EN,
                Map.of("name", tooLong(80, EN), "description", tooLong(500, EN)));
        refused(
                admin(post("/admin/teams")),
                Map.of("name", name.toUpperCase(Locale.ROOT)),
                EN,
                Map.of("name", msg("admin.teams.name-taken", EN)));
        refused(
                admin(post("/admin/teams")),
                Map.of("name", "  " + name.toLowerCase(Locale.ROOT) + "  ", "description", "again"),
                DE,
                Map.of("name", msg("admin.teams.name-taken", DE)));
        assertThat(teamsNamed(name)).isOne();

        // Renaming another team to the taken name is refused the same way.
        UUID other = identity.createTeam("Other " + UUID.randomUUID(), "");
        refused(
                admin(post("/admin/teams/{id}", other)),
                Map.of("name", name.toUpperCase(Locale.ROOT)),
                DE,
                Map.of("name", msg("admin.teams.name-taken", DE)));
        assertThat(teamsNamed(name)).isOne();
    }

    @Test
    void addingTeamMembersRefusesEmptyTooLongMalformedAndUnsuitableAddresses() throws Exception {
        UUID team = identity.createTeam("Members " + UUID.randomUUID(), "");
        String customer = unique("customer");
        identity.createAccount(customer, "A Customer", PASSWORD, Set.of(Role.CUSTOMER), "en");
        String path = "/admin/teams/" + team + "/members";
        refused(admin(post(path)), Map.of("email", ""), EN, Map.of("email", msg("validation.required", EN)));
        refused(admin(post(path)), Map.of("email", HUGE), DE, Map.of("email", tooLong(254, DE)));
        for (String email : MALFORMED_EMAILS) {
            refused(admin(post(path)), Map.of("email", email), EN, Map.of("email", msg("validation.email", EN)));
        }
        refused(
                admin(post(path)),
                Map.of("email", unique("nobody")),
                DE,
                Map.of("email", msg("admin.teams.member-unknown", DE)));
        refused(
                admin(post(path)),
                Map.of("email", customer),
                EN,
                Map.of("email", msg("admin.teams.member-unknown", EN)));

        // A team that does not exist is not found, whatever the form holds.
        for (String email : List.of("", customer, adminEmail)) {
            MvcResult missing = mvc.perform(admin(post("/admin/teams/{id}/members", UUID.randomUUID()))
                            .param("email", email))
                    .andReturn();
            assertThat(missing.getResponse().getStatus()).isEqualTo(404);
        }
    }

    @Test
    void newApiTokenRefusesEmptyTooLongMalformedAndUnknownValues() throws Exception {
        Map<String, String> good = Map.of("name", "CI", "owner", adminEmail, "validDays", "30");
        refused(
                admin(post("/admin/tokens")),
                Map.of("name", "", "owner", ""),
                EN,
                Map.of("name", msg("validation.required", EN), "owner", msg("validation.required", EN)));
        refused(
                admin(post("/admin/tokens")),
                with(good, "name", HUGE, "owner", HUGE),
                DE,
                Map.of("name", tooLong(80, DE), "owner", tooLong(254, DE)));
        for (String email : MALFORMED_EMAILS) {
            refused(
                    admin(post("/admin/tokens")),
                    with(good, "owner", email),
                    EN,
                    Map.of("owner", msg("validation.email", EN)));
        }
        refused(
                admin(post("/admin/tokens")),
                with(good, "owner", unique("nobody")),
                DE,
                Map.of("owner", msg("admin.tokens.owner-unknown", DE)));
        for (String days : List.of("-1", "3651")) {
            refused(
                    admin(post("/admin/tokens")),
                    with(good, "validDays", days),
                    EN,
                    Map.of("validDays", msg("validation.range", EN)));
        }
    }

    @Test
    void numbersAndChoicesThatDoNotParseAreRefusedWithATranslatedMessage() throws Exception {
        for (String days : List.of("abc", "1.5", "99999999999")) {
            refused(
                    admin(post("/admin/tokens")),
                    Map.of("name", "CI", "owner", adminEmail, "validDays", days),
                    DE,
                    Map.of("validDays", msg("typeMismatch.java.lang.Integer", DE)));
        }
        refused(
                admin(post("/admin/accounts/new")),
                Map.of("email", unique("staff"), "displayName", "Sam", "roles", "ROOT", "locale", "en"),
                EN,
                Map.of("roles", msg("typeMismatch", EN)));
    }

    @Test
    void aNameOfOnlyUnicodeSpacesIsRefusedLikeAnEmptyOne() throws Exception {
        // U+3000 and U+2003 are white space to String.strip() (which the services apply) but not to @NotBlank.
        for (String blank : List.of("\u3000", "\u2003\u2003", " \u3000 ")) {
            String email = unique("blank");
            refused(
                    post("/register"),
                    Map.of("email", email, "displayName", blank, "password", PASSWORD, "passwordRepeat", PASSWORD),
                    EN,
                    Map.of("displayName", msg("validation.required", EN)));
            refused(
                    admin(post("/admin/teams")),
                    Map.of("name", blank),
                    DE,
                    Map.of("name", msg("validation.required", DE)));
        }
    }

    @Test
    void aChangedNameIsGreetedAtOnce() throws Exception {
        String email = unique("rename");
        identity.createAccount(email, "Old Name", PASSWORD, Set.of(Role.CUSTOMER), "en");
        MvcResult login = mvc.perform(
                        post("/login").with(csrf()).param("email", email).param("password", PASSWORD))
                .andReturn();
        var session = (MockHttpSession) login.getRequest().getSession(false);
        MvcResult saved = mvc.perform(post("/account")
                        .with(csrf())
                        .session(session)
                        .param("displayName", "New Name")
                        .param("locale", "en"))
                .andReturn();
        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/account");
        Document account = page(mvc.perform(get("/account").session(session)).andReturn());
        assertThat(account.select("main h1").text()).isEqualTo(msg("account.heading", EN, "New Name"));
        assertThat(account.select("header a[href=/account]").text()).isEqualTo("New Name");
    }

    // --- size limits and paths

    @Test
    void bodiesOverTwoMegabytesAreRefusedWith413() throws Exception {
        byte[] form = ("email=a%40example.org&displayName=" + "x".repeat(2 * 1024 * 1024)).getBytes();
        var before = counts();
        MvcResult browser = mvc.perform(post("/register")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .accept(MediaType.TEXT_HTML)
                        .content(form))
                .andReturn();
        assertThat(browser.getResponse().getStatus()).isEqualTo(413);
        assertThat(browser.getResponse().getForwardedUrl()).isEqualTo("/error");
        MvcResult api = mvc.perform(post("/api/me")
                        .contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.APPLICATION_JSON)
                        .content(("{\"x\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes()))
                .andReturn();
        assertThat(api.getResponse().getStatus()).isEqualTo(413);
        assertThat(api.getResponse().getForwardedUrl()).isEqualTo("/error");
        assertThat(counts()).isEqualTo(before);

        // MockMvc does not follow the forward to the error page: render it as the container would.
        for (Locale locale : List.of(EN, DE)) {
            MvcResult html = mvc.perform(errorDispatch(413, "/register")
                            .accept(MediaType.TEXT_HTML)
                            .header(HttpHeaders.ACCEPT_LANGUAGE, locale.getLanguage()))
                    .andReturn();
            assertThat(html.getResponse().getStatus()).isEqualTo(413);
            assertThat(html.getResponse().getContentType()).startsWith(MediaType.TEXT_HTML_VALUE);
            assertThat(page(html).select("main h1").text()).isEqualTo(msg("error.413.title", locale));
            assertThat(page(html).title()).isEqualTo(msg("error.413.title", locale));
        }
        MvcResult problem = mvc.perform(errorDispatch(413, "/api/me")
                        .accept(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.ACCEPT_LANGUAGE, "de"))
                .andReturn();
        assertThat(problem.getResponse().getStatus()).isEqualTo(413);
        assertThat(problem.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        String json = problem.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json)
                .contains("\"status\":413")
                .contains("\"title\":\"" + msg("error.413.title", DE) + "\"")
                .contains("\"instance\":\"/api/me\"");
    }

    @Test
    void malformedIdsInPathsAreClientErrorsAndUnknownOnesAreNotFound() throws Exception {
        UUID team = identity.createTeam("Paths " + UUID.randomUUID(), "");
        for (String path : List.of(
                "/admin/accounts/not-a-uuid",
                "/admin/accounts/00000000-0000-0000-0000-00000000000g",
                "/admin/teams/not-a-uuid",
                "/admin/teams/%27%20or%201%3D1",
                "/admin/mail/not-a-uuid")) {
            assertThat(status(mvc.perform(get(path).session(admin).accept(MediaType.TEXT_HTML))))
                    .as(path)
                    .isEqualTo(400);
        }
        for (String path : List.of(
                "/admin/accounts/not-a-uuid/lock?locked=true",
                "/admin/accounts/not-a-uuid/roles?roles=STAFF",
                "/admin/teams/not-a-uuid?name=x",
                "/admin/teams/not-a-uuid/delete",
                "/admin/teams/not-a-uuid/members?email=a%40example.org",
                "/admin/teams/" + team + "/members/not-a-uuid/remove",
                "/admin/tokens/not-a-uuid/revoke")) {
            assertThat(status(mvc.perform(admin(post(path))))).as(path).isEqualTo(400);
        }
        UUID unknown = UUID.randomUUID();
        for (String path : List.of("/admin/accounts/" + unknown, "/admin/teams/" + unknown, "/admin/mail/" + unknown)) {
            assertThat(status(mvc.perform(get(path).session(admin)))).as(path).isEqualTo(404);
        }
        for (String path : List.of(
                "/admin/accounts/" + unknown + "/lock?locked=true",
                "/admin/accounts/" + unknown + "/roles?roles=STAFF",
                "/admin/teams/" + unknown + "?name=x",
                "/admin/teams/" + unknown + "/delete")) {
            assertThat(status(mvc.perform(admin(post(path))))).as(path).isEqualTo(404);
        }
        assertThat(status(mvc.perform(admin(post("/admin/accounts/" + unknown + "/lock?locked=maybe")))))
                .isEqualTo(400);
    }

    @Test
    void listParametersThatDoNotParseAreClientErrors() throws Exception {
        for (String query : List.of("page=abc", "page=1.5", "role=ROOT", "status=GONE", "page=99999999999")) {
            assertThat(status(mvc.perform(get("/admin/accounts?" + query).session(admin))))
                    .as(query)
                    .isEqualTo(400);
        }
        assertThat(status(mvc.perform(get("/admin/mail?page=abc").session(admin))))
                .isEqualTo(400);
        for (String page : List.of("0", "-5", "-2147483648", "9999", "2147483647")) {
            assertThat(status(mvc.perform(get("/admin/accounts?page=" + page).session(admin))))
                    .as(page)
                    .isEqualTo(200);
            assertThat(status(mvc.perform(get("/admin/mail?page=" + page).session(admin))))
                    .as(page)
                    .isEqualTo(200);
        }
    }

    @Test
    void hugePageNumbersAreNotServerErrors() throws Exception {
        for (String list : List.of("/admin/accounts", "/admin/mail")) {
            for (String page : List.of("100000000", "1000000000")) {
                assertThat(status(mvc.perform(get(list).param("page", page).session(admin))))
                        .as(list + "?page=" + page)
                        .isLessThan(500);
            }
        }
    }

    // --- helpers

    /**
     * Submits the form in the language and expects it back (200) with exactly the given translated message under each
     * named field, and not a single row more in any table.
     */
    private void refused(
            MockHttpServletRequestBuilder request,
            Map<String, String> params,
            Locale locale,
            Map<String, String> errors)
            throws Exception {
        var before = counts();
        params.forEach(request::param);
        MvcResult result = mvc.perform(request.with(csrf()).header(HttpHeaders.ACCEPT_LANGUAGE, locale.getLanguage()))
                .andReturn();
        String what = result.getRequest().getRequestURI() + " " + params.keySet() + " in " + locale;
        assertThat(result.getResponse().getStatus()).as(what).isEqualTo(200);
        Document page = page(result);
        assertThat(page.select("html").attr("lang")).as(what).isEqualTo(locale.getLanguage());
        errors.forEach((field, message) -> {
            Element error = errorOf(page, field);
            assertThat(error).as("%s: error of %s", what, field).isNotNull();
            assertThat(error.text()).as("%s: error of %s", what, field).contains(message);
        });
        assertThat(counts()).as("%s: nothing stored", what).isEqualTo(before);
    }

    private static Element errorOf(Document page, String field) {
        Element byId = page.getElementById(field + "-error");
        if (byId != null) {
            return byId;
        }
        // Fields without the shared fragment (check boxes, selects) keep their error next to the input.
        Element input = page.selectFirst("[name=" + field + "]");
        if (input == null) {
            return null;
        }
        for (Element container = input.parent(); container != null; container = container.parent()) {
            Element error = container.selectFirst(".field-error");
            if (error != null) {
                return error;
            }
            if (container.tagName().equals("form")) {
                return null;
            }
        }
        return null;
    }

    private MockHttpServletRequestBuilder admin(MockHttpServletRequestBuilder request) {
        return request.with(csrf()).session(admin);
    }

    private static MockHttpServletRequestBuilder errorDispatch(int status, String path) {
        return get("/error")
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, path);
    }

    private static int status(org.springframework.test.web.servlet.ResultActions actions) {
        return actions.andReturn().getResponse().getStatus();
    }

    private Map<String, Long> counts() {
        var counts = new LinkedHashMap<String, Long>();
        for (String table : TABLES) {
            counts.put(
                    table,
                    jdbc.sql("select count(*) from " + table).query(Long.class).single());
        }
        counts.put(
                "used one-time tokens",
                jdbc.sql("select count(*) from identity_one_time_token where used_at is not null")
                        .query(Long.class)
                        .single());
        return counts;
    }

    private long accountsWith(String email) {
        return jdbc.sql("select count(*) from identity_account where lower(email) = lower(?)")
                .param(email)
                .query(Long.class)
                .single();
    }

    private long teamsNamed(String name) {
        return jdbc.sql("select count(*) from identity_team where lower(name) = lower(?)")
                .param(name)
                .query(Long.class)
                .single();
    }

    private String passwordHash(String email) {
        return jdbc.sql("select password_hash from identity_account where email = ?")
                .param(email)
                .query(String.class)
                .single();
    }

    private String tokenFromMail(String email, String path) {
        String body = jdbc.sql("select body from system_mail where recipient = ? order by created_at desc limit 1")
                .param(email)
                .query(String.class)
                .single();
        Matcher token = Pattern.compile(Pattern.quote(path) + "\\?token=([A-Za-z0-9_-]+)")
                .matcher(body);
        assertThat(token.find()).as(body).isTrue();
        return token.group(1);
    }

    private String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, locale);
    }

    private String tooLong(int max, Locale locale) {
        return msg("validation.too-long", locale).replace("{max}", String.valueOf(max));
    }

    private static Map<String, String> with(Map<String, String> base, String... overrides) {
        var map = new LinkedHashMap<>(base);
        for (int i = 0; i < overrides.length; i += 2) {
            map.put(overrides[i], overrides[i + 1]);
        }
        return map;
    }

    private static Document page(MvcResult result) throws Exception {
        return Jsoup.parse(result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.org";
    }
}
