package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.TestSmtp;
import io.backchannel.identity.Role;
import io.backchannel.system.Signatures;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Who gets the ideas mails: subscribers by taking part or by choice, minus opt-outs and switched-off kinds; and the
 * one-click unsubscribe link and headers of every mail, through a real SMTP server (GreenMail).
 */
@IntegrationTest
class SubscriptionsTests extends IdeasIntegrationTest {

    static final int PORT = TestSmtp.freePort();

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server(PORT);

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        TestSmtp.use(registry, PORT);
    }

    @Autowired
    Signatures signatures;

    UUID board;
    UUID staff;

    @BeforeEach
    void setUp() {
        board = ideas.createCategory("subs-" + UUID.randomUUID(), "Subscriptions board", "", false);
        staff = id(TestAccounts.create(identity, "staff", Role.STAFF));
    }

    @Test
    void subscribersAreParticipantsAndWhoPressedSubscribeButNotWhoOptedOut() throws Exception {
        Person author = person("author", "en");
        Person voter = person("voter", "en");
        Person commenter = person("commenter", "en");
        Person subscriber = person("subscriber", "en");
        Person optedOut = person("opted-out", "en");
        Person noAutoFollow = person("no-auto", "en");
        long number = ideas.submit(author.id(), board, "Thermos with a cup lid", "text");
        ideas.vote(number, voter.id(), 1);
        mvc.perform(post("/ideas/" + number + "/comments")
                        .session(login(commenter))
                        .with(csrf())
                        .param("body", "Yes please"))
                .andExpect(status().is3xxRedirection());
        choose(subscriber, number, true);
        ideas.vote(number, optedOut.id(), 1);
        choose(optedOut, number, false);
        mvc.perform(post("/ideas/notifications")
                        .session(login(noAutoFollow))
                        .with(csrf())
                        .param("statusMails", "true")
                        .param("answerMails", "true"))
                .andExpect(redirectedUrl("/ideas/notifications"));
        ideas.vote(number, noAutoFollow.id(), 1);

        var button = Jsoup.parse(page(number, login(subscriber))).select("form[action$=/subscription] button");
        assertThat(button.attr("aria-pressed")).isEqualTo("true");
        assertThat(button.text()).isEqualTo("Unsubscribe");
        button = Jsoup.parse(page(number, login(noAutoFollow))).select("form[action$=/subscription] button");
        assertThat(button.attr("aria-pressed")).isEqualTo("false");
        assertThat(button.text()).isEqualTo("Subscribe");
        assertThat(Jsoup.parse(page(number, null)).select("form[action$=/subscription]"))
                .isEmpty();

        ideas.changeStatus(number, IdeaStatus.PLANNED, "Coming in spring.", staff);

        awaitMails(author, 1);
        for (Person follower : List.of(voter, commenter, subscriber)) {
            assertThat(mails(follower)).singleElement().asString().contains("Coming in spring.");
        }
        for (Person outsider : List.of(optedOut, noAutoFollow)) {
            assertThat(mails(outsider)).isEmpty();
        }
        assertThat(jdbc.sql("select count(*) from system_mail s join identity_account a on a.email = s.recipient"
                                + " where a.id = ? and s.subject like '%Thermos%'")
                        .param(staff)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void settingsChooseWhichMailsArriveAndStaffAnswersAreMailed() throws Exception {
        Person statusOff = person("status-off", "de");
        Person answerOff = person("answer-off", "en");
        Person everything = person("everything", "en");
        mvc.perform(get("/ideas/notifications")).andExpect(redirectedUrl("/login"));
        mvc.perform(post("/ideas/notifications")
                        .session(login(statusOff))
                        .with(csrf())
                        .param("answerMails", "true")
                        .param("followParticipation", "true"))
                .andExpect(redirectedUrl("/ideas/notifications"));
        mvc.perform(post("/ideas/notifications")
                        .session(login(answerOff))
                        .with(csrf())
                        .param("statusMails", "true")
                        .param("followParticipation", "true")
                        .param("answerMails", "<script>"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/ideas/notifications")
                        .session(login(answerOff))
                        .with(csrf())
                        .param("statusMails", "true")
                        .param("followParticipation", "true"))
                .andExpect(redirectedUrl("/ideas/notifications"));
        var settingsPage = Jsoup.parse(mvc.perform(get("/ideas/notifications").session(login(statusOff)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(settingsPage.select("input[name=statusMails]").hasAttr("checked"))
                .isFalse();
        assertThat(settingsPage.select("input[name=answerMails]").hasAttr("checked"))
                .isTrue();
        assertThat(settingsPage
                        .select("label:has(input[name=followParticipation])")
                        .text())
                .contains("Automatically follow ideas I vote on");
        mvc.perform(get("/account").session(login(statusOff)))
                .andExpect(content().string(containsString("href=\"/ideas/notifications\"")));

        long number = ideas.submit(everything.id(), board, "Reflective guy lines", "text");
        ideas.vote(number, statusOff.id(), 1);
        ideas.vote(number, answerOff.id(), 1);
        mvc.perform(post("/ideas/" + number + "/comments")
                        .session(login(everything))
                        .with(csrf())
                        .param("body", "A customer comment is no staff answer."))
                .andExpect(status().is3xxRedirection());
        var staffSession = TestAccounts.login(mvc, email(staff));
        mvc.perform(post("/ideas/" + number + "/comments")
                        .session(staffSession)
                        .with(csrf())
                        .param("body", "We are testing **three** colours."))
                .andExpect(status().is3xxRedirection());
        awaitMails(everything, 1);
        ideas.changeStatus(number, IdeaStatus.UNDER_REVIEW, "", staff);
        awaitMails(everything, 2);

        assertThat(mails(statusOff))
                .singleElement()
                .asString()
                .contains("Das Team hat auf die Idee „Reflective guy lines“ geantwortet", "**three** colours");
        assertThat(mails(answerOff)).singleElement().asString().contains("Under review");
        assertThat(mails(everything)).hasSize(2);
    }

    @Test
    void everyMailCarriesAOneClickUnsubscribeThatWorksWithoutLogin() throws Exception {
        Person author = person("author", "en");
        Person voter = person("voter", "en");
        long number = ideas.submit(author.id(), board, "Tent pegs that glow", "text");
        ideas.vote(number, voter.id(), 1);
        ideas.changeStatus(number, IdeaStatus.PLANNED, "", staff);

        MimeMessage mail = awaitDelivered(voter.email());
        String header = mail.getHeader("List-Unsubscribe", null);
        assertThat(header).startsWith("<http").endsWith(">");
        assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        String link = header.substring(1, header.length() - 1);
        assertThat(mail.getContent().toString()).contains(link);
        String path = URI.create(link).getRawPath();
        assertThat(path).startsWith("/ideas/unsubscribe/");

        var confirmation = Jsoup.parse(mvc.perform(get(path))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(confirmation.select("form[method=post]").attr("action")).isEqualTo(path);
        assertThat(confirmation.select("main").text()).contains("Tent pegs that glow");
        assertThat(subscribed(number, voter.id())).isTrue();

        mvc.perform(post(path)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("List-Unsubscribe=One-Click"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("You are unsubscribed")));
        assertThat(subscribed(number, voter.id())).isFalse();
        mvc.perform(post(path)).andExpect(status().isOk());

        ideas.changeStatus(number, IdeaStatus.IN_PROGRESS, "", staff);
        awaitMails(author, 2);
        assertThat(mails(voter)).hasSize(1);
        mvc.perform(post("/ideas/" + number + "/subscription")
                        .session(login(voter))
                        .param("subscribed", "true"))
                .andExpect(status().isForbidden());
    }

    @Test
    void tamperedExpiredAndMalformedLinksGetAClearPage() throws Exception {
        Person voter = person("voter", "en");
        long number = ideas.submit(person("author", "en").id(), board, "Warmer sleeping bag", "text");
        ideas.vote(number, voter.id(), 1);
        String good = token(number + "." + voter.id() + "."
                + Instant.now().plusSeconds(3600).getEpochSecond());
        mvc.perform(get("/ideas/unsubscribe/" + good)).andExpect(status().isOk());

        UUID someoneElse = person("other", "en").id();
        String tampered = good.replace(voter.id().toString(), someoneElse.toString());
        mvc.perform(post("/ideas/unsubscribe/" + tampered))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("This link is not valid")));
        mvc.perform(get("/ideas/unsubscribe/" + tampered).header("Accept-Language", "de"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Dieser Link ist ungültig")));

        String expired = token(
                number + "." + voter.id() + "." + Instant.now().minusSeconds(60).getEpochSecond());
        mvc.perform(post("/ideas/unsubscribe/" + expired))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("This link has expired")));

        for (String bad : List.of("x", "1.2.3.4", "....", "<img src=x onerror=alert(1)>", "a".repeat(10_000))) {
            mvc.perform(post("/ideas/unsubscribe/{token}", bad))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("This link is not valid")))
                    .andExpect(content().string(org.hamcrest.Matchers.not(containsString("<img src=x"))));
        }
        // A slash makes it another path, which neither skips the CSRF check nor unsubscribes anyone.
        mvc.perform(post("/ideas/unsubscribe/{token}", "<script>alert(1)</script>"))
                .andExpect(status().isForbidden());
        String unknownIdea = token(
                "999999999." + voter.id() + "." + Instant.now().plusSeconds(60).getEpochSecond());
        mvc.perform(post("/ideas/unsubscribe/" + unknownIdea)).andExpect(status().isBadRequest());
        assertThat(subscribed(number, voter.id())).isTrue();
        assertThat(subscribed(number, someoneElse)).isFalse();
    }

    /** A token as the mail code signs it, for expiry times that the mail code would not choose. */
    private String token(String data) {
        return data + "." + signatures.sign("ideas-unsubscribe", data);
    }

    private void choose(Person person, long number, boolean subscribed) throws Exception {
        mvc.perform(post("/ideas/" + number + "/subscription")
                        .session(login(person))
                        .with(csrf())
                        .param("subscribed", String.valueOf(subscribed)))
                .andExpect(redirectedUrl("/ideas/" + number));
    }

    private boolean subscribed(long number, UUID account) throws Exception {
        String email = email(account);
        var session = TestAccounts.login(mvc, email);
        return Jsoup.parse(page(number, session))
                .select("form[action$=/subscription] button")
                .attr("aria-pressed")
                .equals("true");
    }

    private String page(long number, @Nullable MockHttpSession session) throws Exception {
        var request = get("/ideas/" + number);
        if (session != null) {
            request.session(session);
        }
        return mvc.perform(request).andReturn().getResponse().getContentAsString();
    }

    private MockHttpSession login(Person person) throws Exception {
        return TestAccounts.login(mvc, person.email());
    }

    private Person person(String prefix, String locale) {
        String email = TestAccounts.email(prefix);
        UUID id = identity.createAccount(email, prefix, TestAccounts.PASSWORD, Set.of(Role.CUSTOMER), locale);
        return new Person(id, email);
    }

    private List<String> mails(Person person) {
        return jdbc.sql("select subject || '\n' || body from system_mail where recipient = ? order by created_at")
                .param(person.email())
                .query(String.class)
                .list();
    }

    private void awaitMails(Person person, int count) throws InterruptedException {
        for (int i = 0; i < 100 && mails(person).size() < count; i++) {
            Thread.sleep(100);
        }
        assertThat(mails(person)).hasSize(count);
    }

    private MimeMessage awaitDelivered(String recipient) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var found = TestSmtp.lastTo(smtp, recipient);
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No mail delivered to " + recipient);
    }

    private String email(UUID account) {
        return jdbc.sql("select email from identity_account where id = ?")
                .param(account)
                .query(String.class)
                .single();
    }

    private record Person(UUID id, String email) {}
}
