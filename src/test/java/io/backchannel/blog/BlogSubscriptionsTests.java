package io.backchannel.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.identity.Role;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * E-mail subscriptions to a post's comments and a category's new posts: accounts at once, guests after confirming by
 * mail; the news in each recipient's language, never about one's own comment; and the one-click unsubscribe link.
 */
@IntegrationTest
class BlogSubscriptionsTests extends BlogCommentsIntegrationTest {

    private static final Pattern LINK = Pattern.compile("https?://\\S+/blog/\\S+/\\S+");

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    record Mail(String subject, String body, String headers) {}

    @Test
    void accountsSubscribeAtOnceAndHearOfOtherPeoplesCommentsInTheirLanguage() throws Exception {
        Post post = publishedPost("news");
        String readerEmail = TestAccounts.create(identity, "reader", Role.CUSTOMER);
        MockHttpSession reader = TestAccounts.login(mvc, readerEmail);
        String doraEmail = TestAccounts.email("dora");
        identity.createAccount(doraEmail, "Dora", TestAccounts.PASSWORD, Set.of(Role.CUSTOMER), "de");
        MockHttpSession dora = TestAccounts.login(mvc, doraEmail);
        MockHttpSession writer = logIn("writer", Role.CUSTOMER);
        for (MockHttpSession session : List.of(reader, dora)) {
            mvc.perform(post("/blog/subscriptions")
                            .session(session)
                            .with(csrf())
                            .param("post", post.id().toString()))
                    .andExpect(redirectedUrl(post.comments() + "#blog-comments-subscribe"))
                    .andExpect(flash().attribute("subscriptionNotice", "blog.subscriptions.subscribed"));
        }
        assertThat(mails(readerEmail)).isEmpty();

        mvc.perform(comment(post, reader, "The reader comments " + post.slug())).andExpect(status().is3xxRedirection());
        mvc.perform(comment(post, writer, "The writer **answers** " + post.slug()))
                .andExpect(status().is3xxRedirection());

        List<Mail> german = awaitMails(doraEmail, 2);
        assertThat(german)
                .allSatisfy(mail -> assertThat(mail.subject()).isEqualTo("Neuer Kommentar zu „" + post.title() + "“"));
        assertThat(german).anySatisfy(mail -> assertThat(mail.body())
                .contains(
                        "writer hat „" + post.title() + "“ kommentiert",
                        "The writer **answers**",
                        "/blog/en/" + post.slug() + "#comment-",
                        "Mit einem Klick abbestellen"));
        Mail english = awaitMails(readerEmail, 1).getFirst();
        assertThat(mails(readerEmail)).hasSize(1);
        assertThat(english.body()).contains("writer commented on", "Unsubscribe with one click: http");
        assertThat(english.headers())
                .contains("List-Unsubscribe: <http", "List-Unsubscribe-Post: List-Unsubscribe=One-Click");

        var page = Jsoup.parse(mvc.perform(get(post.comments()).session(reader))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(page.select("#blog-comments-subscribe input[name=email]")).isEmpty();
        assertThat(page.select("#blog-comments-subscribe button").text()).isEqualTo("Follow comments");
    }

    @Test
    void guestsConfirmByMailBeforeTheyGetAnything() throws Exception {
        Post post = publishedPost("product");
        String guest = "guest-" + UUID.randomUUID() + "@example.org";
        mvc.perform(post("/blog/subscriptions")
                        .with(csrf())
                        .header("Accept-Language", "de")
                        .param("post", post.id().toString())
                        .param("email", guest))
                .andExpect(flash().attribute("subscriptionNotice", "blog.subscriptions.confirmation-sent"));
        Mail confirmation = awaitMails(guest, 1).getFirst();
        assertThat(confirmation.subject()).isEqualTo("Bitte bestätigen: neue Kommentare zu „" + post.title() + "“");
        assertThat(confirmation.headers()).doesNotContain("List-Unsubscribe");
        String confirmPath = path(confirmation.body());
        assertThat(confirmPath).startsWith("/blog/subscriptions/confirm/");

        String watcherEmail = TestAccounts.create(identity, "watcher", Role.CUSTOMER);
        mvc.perform(post("/blog/subscriptions")
                        .session(TestAccounts.login(mvc, watcherEmail))
                        .with(csrf())
                        .param("post", post.id().toString()))
                .andExpect(status().is3xxRedirection());
        MockHttpSession writer = logIn("writer", Role.CUSTOMER);
        mvc.perform(comment(post, writer, "Before the guest confirmed " + post.slug()))
                .andExpect(status().is3xxRedirection());
        awaitMails(watcherEmail, 1);
        assertThat(mails(guest)).hasSize(1);

        Document confirmPage = Jsoup.parse(mvc.perform(get(confirmPath).header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(confirmPage.select("main p").first().text())
                .isEqualTo("Do you want e-mails about new comments on „" + post.title() + "“?");
        String token = confirmPage.select("input[name=token]").val();
        mvc.perform(post("/blog/subscriptions").with(csrf()).param("token", token + "x"))
                .andExpect(status().isBadRequest());
        var confirmed = mvc.perform(post("/blog/subscriptions").with(csrf()).param("token", token))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(Jsoup.parse(confirmed).select("h1").text()).isEqualTo("Subscription confirmed");

        // Asking again for a confirmed address sends nothing and answers the same.
        mvc.perform(post("/blog/subscriptions")
                        .with(csrf())
                        .param("post", post.id().toString())
                        .param("email", guest.toUpperCase()))
                .andExpect(flash().attribute("subscriptionNotice", "blog.subscriptions.confirmation-sent"));
        mvc.perform(comment(post, writer, "After the guest confirmed " + post.slug()))
                .andExpect(status().is3xxRedirection());
        List<Mail> mails = awaitMails(guest, 2);
        assertThat(mails.get(1).subject()).isEqualTo("Neuer Kommentar zu „" + post.title() + "“");
        assertThat(mails.get(1).body()).contains("After the guest confirmed");

        for (String bad : List.of("", "no-address", "<script>alert(1)</script>@x", "a@b.c" + "x".repeat(300))) {
            mvc.perform(post("/blog/subscriptions")
                            .with(csrf())
                            .param("post", post.id().toString())
                            .param("email", bad))
                    .andExpect(flash().attribute("subscriptionError", "validation.email"));
        }
        mvc.perform(post("/blog/subscriptions")
                        .with(csrf())
                        .param("post", "not-a-uuid")
                        .param("email", guest))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/blog/subscriptions")
                        .param("post", post.id().toString())
                        .param("email", guest))
                .andExpect(status().isForbidden());
    }

    @Test
    void categorySubscribersHearOfNewOriginalPostsOnly() throws Exception {
        var choose = Jsoup.parse(mvc.perform(get("/blog/subscribe"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(choose.select("main li a").eachText()).contains("News", "Careers");
        var form = Jsoup.parse(mvc.perform(get("/blog/subscribe").param("category", "careers"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(form.select("form#blog-subscribe-careers h2").text()).isEqualTo("New posts in Careers by e-mail");
        assertThat(form.select("label[for=blog-subscribe-email-careers]")).hasSize(1);

        String memberEmail = TestAccounts.create(identity, "member", Role.CUSTOMER);
        mvc.perform(post("/blog/subscriptions")
                        .session(TestAccounts.login(mvc, memberEmail))
                        .with(csrf())
                        .param("category", "careers"))
                .andExpect(redirectedUrl("/blog/subscribe?category=careers"))
                .andExpect(flash().attribute("subscriptionNotice", "blog.subscriptions.subscribed"));
        mvc.perform(post("/blog/subscriptions")
                        .with(csrf())
                        .param("category", "<script>")
                        .param("email", memberEmail))
                .andExpect(flash().attribute("subscriptionError", "blog.subscriptions.unknown-category"));

        Post original = publishedPost("careers");
        Post translation = publishedPost("careers", "de");
        publish(translation, original.id());
        publish(original, null);
        Mail mail = awaitMails(memberEmail, 1).getFirst();
        assertThat(mail.subject()).isEqualTo("New in Careers: " + original.title());
        assertThat(mail.body()).contains("/blog/en/" + original.slug(), "Unsubscribe with one click");
        assertThat(mail.headers()).contains("List-Unsubscribe: <http");
        Thread.sleep(500);
        assertThat(mails(memberEmail)).hasSize(1);
    }

    @Test
    void unsubscribeLinksWorkWithoutLoginAndRefuseTamperedOrExpiredTokens() throws Exception {
        Post post = publishedPost("news");
        String email = TestAccounts.create(identity, "leaver", Role.CUSTOMER);
        mvc.perform(post("/blog/subscriptions")
                        .session(TestAccounts.login(mvc, email))
                        .with(csrf())
                        .param("post", post.id().toString()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(comment(post, logIn("talker", Role.CUSTOMER), "Something to unsubscribe from " + post.slug()))
                .andExpect(status().is3xxRedirection());
        Mail mail = awaitMails(email, 1).getFirst();
        String header = mail.headers()
                .lines()
                .filter(line -> line.startsWith("List-Unsubscribe: "))
                .findFirst()
                .orElseThrow();
        String link = header.substring("List-Unsubscribe: <".length(), header.length() - 1);
        assertThat(mail.body()).contains(link);
        String path = URI.create(link).getRawPath();
        assertThat(path).startsWith("/blog/unsubscribe/");

        Document confirm = Jsoup.parse(mvc.perform(get(path))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(confirm.select("main p").first().text())
                .isEqualTo("Stop the e-mails about new comments on „" + post.title() + "“?");
        assertThat(confirm.select("form[action=" + path + "] input[name=_csrf]"))
                .isEmpty();

        String tampered = path.substring(0, path.length() - 2) + (path.endsWith("A") ? "BB" : "AA");
        assertThat(text(mvc.perform(get(tampered))
                        .andExpect(status().isBadRequest())
                        .andReturn()
                        .getResponse()))
                .contains("This link is not valid");
        mvc.perform(post(tampered)).andExpect(status().isBadRequest());
        UUID subscription = jdbc.sql("select id from blog_subscription where post_id = ?")
                .param(post.id())
                .query(UUID.class)
                .single();
        String data = subscription + "." + Instant.now().minusSeconds(60).getEpochSecond();
        String expired = "/blog/unsubscribe/" + data + "." + signatures.sign("blog-unsubscribe", data);
        assertThat(text(mvc.perform(get(expired))
                        .andExpect(status().isBadRequest())
                        .andReturn()
                        .getResponse()))
                .contains("This link has expired");
        String confirmToken = data.replaceFirst(
                "\\.\\d+$", "." + Instant.now().plusSeconds(600).getEpochSecond());
        String wrongPurpose =
                "/blog/unsubscribe/" + confirmToken + "." + signatures.sign("blog-subscription-confirm", confirmToken);
        mvc.perform(post(wrongPurpose)).andExpect(status().isBadRequest());
        assertThat(subscribed(post)).isEqualTo(1);

        // The one-click POST of a mail client: no session, no CSRF token.
        assertThat(text(mvc.perform(post(path))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()))
                .contains("Unsubscribed", "You will get no more e-mails about new comments on");
        assertThat(subscribed(post)).isZero();
        assertThat(text(mvc.perform(post(path))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()))
                .contains("No subscription");
    }

    private void publish(Post post, @Nullable UUID translationOf) {
        transactions.executeWithoutResult(status -> events.publishEvent(new PostPublished(
                post.id(), post.language(), post.slug(), "careers", post.title(), translationOf, Instant.now())));
    }

    private int subscribed(Post post) {
        return jdbc.sql("select count(*) from blog_subscription where post_id = ?")
                .param(post.id())
                .query(Integer.class)
                .single();
    }

    private static String text(MockHttpServletResponse response) throws Exception {
        response.setCharacterEncoding("UTF-8");
        return Jsoup.parse(response.getContentAsString()).select("main").text();
    }

    private static String path(String body) {
        var matcher = LINK.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return URI.create(matcher.group()).getRawPath();
    }

    private List<Mail> mails(String recipient) {
        return jdbc.sql("select subject, body, headers from system_mail where lower(recipient) = lower(?)"
                        + " order by created_at, id")
                .param(recipient)
                .query(Mail.class)
                .list();
    }

    /** Waits up to ten seconds for this many mails to the address, which listeners write after the commit. */
    private List<Mail> awaitMails(String recipient, int count) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var mails = mails(recipient);
            if (mails.size() >= count) {
                return mails;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Fewer than " + count + " mails to " + recipient + ": " + mails(recipient));
    }
}
