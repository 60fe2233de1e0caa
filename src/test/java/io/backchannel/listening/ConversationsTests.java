package io.backchannel.listening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.channels.PostsCaptured;
import io.backchannel.channels.ReplyFailed;
import io.backchannel.channels.ReplyRequested;
import io.backchannel.channels.ReplySent;
import io.backchannel.identity.Role;
import io.backchannel.listening.internal.Assignment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

/** Posts become conversations: threading, repeats, replies out of order, routing, assignment, replies and outcomes. */
@IntegrationTest
@RecordApplicationEvents
class ConversationsTests extends ListeningIntegrationTest {

    @Autowired
    ApplicationEvents events;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void capturedPostIsRoutedToSupportAnsweredAndMarkedSentWhenTheChannelSaysSo() throws Exception {
        rule("Support questions " + marker, support, "refund-" + marker, null);
        var heard = heard("p1-" + marker, null, "@anna@example.social", "Where is my refund-" + marker + " please?");
        transactions.executeWithoutResult(tx -> publisher.publishEvent(PostsCaptured.of(heard)));

        UUID conversation = await(() -> conversationOf(heard.postId()));
        assertThat(column(conversation, "team_id")).isEqualTo(support.toString());
        assertThat(column(conversation, "assignee_id")).isEqualTo(staff.toString());
        assertThat(column(conversation, "status")).isEqualTo("OPEN");
        // The text module reads a refund question as a complaint as well.
        assertThat(column(conversation, "intents")).contains("question");

        var session = TestAccounts.login(mvc, staffEmail);
        var inbox = Jsoup.parse(mvc.perform(get("/workspace/inbox").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(inbox.select("table.inbox a").eachText()).anyMatch(text -> text.contains("refund-" + marker));

        mvc.perform(post("/workspace/inbox/" + conversation + "/reply")
                        .session(session)
                        .with(csrf())
                        .param("text", "We are on it, Anna."))
                .andExpect(status().is3xxRedirection());
        var requested = events.stream(ReplyRequested.class)
                .filter(event -> event.text().equals("We are on it, Anna."))
                .findFirst()
                .orElseThrow();
        assertThat(requested.connectorId()).isEqualTo(connector);
        assertThat(requested.inReplyToExternalId()).isEqualTo("p1-" + marker);
        assertThat(requested.staffAccountId()).isEqualTo(staff);
        assertThat(column(conversation, "status")).isEqualTo("PENDING");
        // The channels module answers every request: this test's connector is unknown there, so it fails the reply.
        // Waiting for that answer first keeps it from overtaking the platform's confirmation published below.
        await(() -> Optional.of(replyState(requested.replyId())).filter("FAILED"::equals));

        transactions.executeWithoutResult(tx -> publisher.publishEvent(new ReplySent(
                requested.replyId(),
                connector,
                "mastodon",
                "p1-" + marker,
                "r1-" + marker,
                "https://social.example/r1",
                requested.text(),
                "@company",
                Instant.now())));
        await(() -> Optional.of(replyState(requested.replyId())).filter("SENT"::equals));

        var page =
                Jsoup.parse(mvc.perform(get("/workspace/inbox/" + conversation).session(session))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(page.select(".message.reply .reply-state").text()).isEqualTo("Sent");
        assertThat(page.select(".history").text()).contains("Routed to Support " + marker, "Reply written");

        // The customer answers our reply: it joins the conversation, which waits for us again.
        capture(heard("p2-" + marker, "r1-" + marker, "@anna@example.social", "Thanks!"));
        assertThat(messages(conversation)).isEqualTo(3);
        assertThat(column(conversation, "status")).isEqualTo("OPEN");
    }

    @Test
    void routingTellsConversationRoutedWithTheMatchingRule() {
        rule("Billing " + marker, support, "invoice", null);
        UUID conversation = capture(heard("p-" + marker, null, "@ben", "My invoice is wrong"));
        var routed = events.stream(ConversationRouted.class)
                .filter(event -> event.conversationId().equals(conversation))
                .findFirst()
                .orElseThrow();
        assertThat(routed.teamId()).isEqualTo(support);
        assertThat(routed.assigneeId()).isEqualTo(staff);
        assertThat(routed.ruleId()).isNotNull();
    }

    @Test
    void failedReplyIsMarkedAndWrittenToTheHistory() throws Exception {
        supportByDefault();
        UUID conversation = capture(heard("p-" + marker, null, "@carla", "Hello there, I need help with my order."));
        var session = TestAccounts.login(mvc, staffEmail);
        mvc.perform(post("/workspace/inbox/" + conversation + "/reply")
                .session(session)
                .with(csrf())
                .param("text", "Sure."));
        var requested = events.stream(ReplyRequested.class).findFirst().orElseThrow();
        transactions.executeWithoutResult(tx -> publisher.publishEvent(
                new ReplyFailed(requested.replyId(), "listening.reply.state.FAILED", "refused", Instant.now())));
        await(() -> Optional.of(replyState(requested.replyId())).filter("FAILED"::equals));
        assertThat(history(conversation)).contains("listening.history.reply-failed");
    }

    @Test
    void aBatchIsThreadedTogetherAndOneBadPostHoldsUpOnlyItself() throws Exception {
        supportByDefault();
        var first = heard("batch-a-" + marker, null, "@ela", "My order never arrived.");
        var answer = heard("batch-b-" + marker, "batch-a-" + marker, "@ela", "Still waiting.");
        // PostgreSQL text cannot hold NUL, so storing this one fails and rolls its transaction back.
        var broken = heard("batch-c-" + marker, null, "@bad", "broken \u0000 text");
        var last = heard("batch-d-" + marker, null, "@finn", "The invoice is wrong.");
        transactions.executeWithoutResult(
                tx -> publisher.publishEvent(new PostsCaptured(List.of(first, answer, broken, last))));

        UUID conversation = await(() -> conversationOf(last.postId()));
        assertThat(conversationOf(first.postId())).isPresent();
        assertThat(conversationOf(answer.postId())).isEqualTo(conversationOf(first.postId()));
        assertThat(conversation).isNotEqualTo(conversationOf(first.postId()).orElseThrow());
        assertThat(conversationOf(broken.postId())).isEmpty();
        assertThat(jdbc.sql("select count(*) from event_publication where completion_date is null"
                                + " and listener_id like '%Conversations%' and serialized_event like ?")
                        .param("%batch-c-" + marker + "%")
                        .query(Long.class)
                        .single())
                .as("the batch stays to be delivered again")
                .isOne();
    }

    /**
     * Within one batch, conversations are opened together at its end: a post whose answer came earlier in the same
     * batch still joins the answer's conversation, and so does a later answer to it.
     */
    @Test
    void inOneBatchAnAnswerBeforeItsParentAndAnotherAfterItMakeOneConversation() throws Exception {
        supportByDefault();
        var child = heard("tree-child-" + marker, "tree-parent-" + marker, "@gus", "As I said, still broken.");
        var other = heard("tree-other-" + marker, null, "@hana", "Where is my refund?");
        var parent = heard("tree-parent-" + marker, null, "@gus", "The printer driver fails.");
        var grandchild = heard("tree-grandchild-" + marker, "tree-parent-" + marker, "@gus", "Any news?");
        transactions.executeWithoutResult(
                tx -> publisher.publishEvent(new PostsCaptured(List.of(child, other, parent, grandchild))));

        UUID conversation = await(() -> conversationOf(grandchild.postId()));
        assertThat(conversationOf(child.postId())).contains(conversation);
        assertThat(conversationOf(parent.postId())).contains(conversation);
        assertThat(conversationOf(other.postId())).isPresent().isNotEqualTo(Optional.of(conversation));
        assertThat(messages(conversation)).isEqualTo(3);
    }

    @Test
    void answerJoinsItsConversationAndARepeatedDeliveryChangesNothing() {
        supportByDefault();
        var first = heard("a-" + marker, null, "@dora", "The app crashes when I open settings.");
        UUID conversation = capture(first);
        UUID again = capture(heard("b-" + marker, "a-" + marker, "@dora", "Still crashing."));
        assertThat(again).isEqualTo(conversation);

        assertThat(conversations.capture(first)).isEmpty();
        assertThat(messages(conversation)).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from listening_conversation where customer_id ="
                                + " (select customer_id from listening_conversation where id = ?)")
                        .param(conversation)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // Another connector's post with the same platform id is a different thread.
        var elsewhere = new io.backchannel.channels.PostCaptured(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "bluesky",
                "c-" + marker,
                "a-" + marker,
                "@dora",
                "Dora",
                "Me too on another network.",
                null,
                null,
                false,
                Instant.now(),
                Instant.now());
        assertThat(capture(elsewhere)).isNotEqualTo(conversation);
    }

    @Test
    void replyArrivingBeforeItsParentStillMakesOneConversation() {
        supportByDefault();
        UUID conversation = capture(heard("child-" + marker, "parent-" + marker, "@emil", "As I said: it is broken."));
        UUID parent = capture(heard("parent-" + marker, null, "@emil", "My parcel never arrived."));
        assertThat(parent).isEqualTo(conversation);
        assertThat(messages(conversation)).isEqualTo(2);
        assertThat(jdbc.sql("select text from listening_message where conversation_id = ? order by posted_at, id")
                        .param(conversation)
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder("As I said: it is broken.", "My parcel never arrived.");
    }

    @Test
    void companyPostsAreKeptInTheirThreadButOpenNoConversation() {
        supportByDefault();
        assertThat(conversations.capture(heard("co-" + marker, null, "@company", "Our new release is out!", true)))
                .isEmpty();
        assertThat(jdbc.sql("select count(*) from listening_message where external_id = ?")
                        .param("co-" + marker)
                        .query(Long.class)
                        .single())
                .isZero();

        UUID conversation = capture(heard("q-" + marker, null, "@fritz", "Does the release support dark mode?"));
        assertThat(conversations.capture(heard("co2-" + marker, "q-" + marker, "@company", "Yes, it does!", true)))
                .contains(conversation);
        assertThat(jdbc.sql("select kind from listening_message where external_id = ?")
                        .param("co2-" + marker)
                        .query(String.class)
                        .single())
                .isEqualTo("COMPANY");
    }

    @Test
    void firstMatchingRuleWinsAndTheDefaultTeamTakesTheRest() {
        UUID billing = identity.createTeam("Billing " + marker, "");
        supportByDefault();
        rule("Mastodon invoices " + marker, billing, "invoice, payment", "mastodon");
        rule("All invoices " + marker, support, "invoice", null);
        UUID invoice = capture(heard("i-" + marker, null, "@gina", "Where is my INVOICE for May?"));
        UUID other = capture(heard("o-" + marker, null, "@gina", "I love the new design of the website."));
        assertThat(column(invoice, "team_id")).isEqualTo(billing.toString());
        assertThat(column(invoice, "assignee_id")).isNull();
        assertThat(history(invoice)).contains("listening.history.routed-by-rule", "listening.history.unassigned");
        assertThat(column(other, "team_id")).isEqualTo(support.toString());
        assertThat(history(other)).contains("listening.history.routed-default");
    }

    @Test
    void teamsShareConversationsInTurnOrByLoad() {
        UUID second = TestAccounts.id(jdbc, TestAccounts.create(identity, "agent2", Role.STAFF));
        identity.addToTeam(support, second);
        supportByDefault();
        var assigned = List.of(
                        capture(heard("r1-" + marker, null, "@h1", "First question about shipping times.")),
                        capture(heard("r2-" + marker, null, "@h2", "Second question about shipping times.")),
                        capture(heard("r3-" + marker, null, "@h3", "Third question about shipping times.")))
                .stream()
                .map(id -> column(id, "assignee_id"))
                .toList();
        assertThat(assigned.get(0)).isNotEqualTo(assigned.get(1));
        assertThat(assigned.get(2)).isEqualTo(assigned.get(0));

        routing.configureTeam(support, Assignment.LEAST_LOADED, true);
        // The first assignee holds two open conversations, the second one: the next goes to the second.
        UUID next = capture(heard("r4-" + marker, null, "@h4", "Fourth question about shipping times."));
        assertThat(column(next, "assignee_id")).isEqualTo(assigned.get(1));
    }

    @Test
    void staffReassignAndEveryChangeIsInTheHistory() throws Exception {
        UUID billing = identity.createTeam("Billing " + marker, "");
        UUID biller = TestAccounts.id(jdbc, TestAccounts.create(identity, "biller", Role.STAFF));
        identity.addToTeam(billing, biller);
        supportByDefault();
        UUID conversation = capture(heard("m-" + marker, null, "@ida", "Please cancel my subscription."));
        var session = TestAccounts.login(mvc, staffEmail);
        mvc.perform(post("/workspace/inbox/" + conversation + "/assign")
                        .session(session)
                        .with(csrf())
                        .param("team", billing.toString()))
                .andExpect(status().is3xxRedirection());
        assertThat(column(conversation, "team_id")).isEqualTo(billing.toString());
        assertThat(column(conversation, "assignee_id")).isEqualTo(biller.toString());
        mvc.perform(post("/workspace/inbox/" + conversation + "/resolve")
                .session(session)
                .with(csrf()));
        mvc.perform(post("/workspace/inbox/" + conversation + "/reopen")
                .session(session)
                .with(csrf()));
        assertThat(history(conversation))
                .containsSubsequence(
                        "listening.history.opened",
                        "listening.history.routed-default",
                        "listening.history.assigned",
                        "listening.history.routed-by-hand",
                        "listening.history.assigned",
                        "listening.history.status.RESOLVED",
                        "listening.history.status.OPEN");
    }

    @Test
    void unclearSentimentWaitsForReviewAndTheCorrectionIsStored() throws Exception {
        // French has no sentiment lexicon: without emoji its posts are unclear.
        supportByDefault();
        UUID conversation =
                capture(heard("u-" + marker, null, "@jo", "Le magasin ouvre lundi à neuf heures. " + marker));
        assertThat(column(conversation, "sentiment")).isEqualTo("UNCLEAR");
        var session = TestAccounts.login(mvc, staffEmail);
        var review = mvc.perform(get("/workspace/inbox/review").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(review).contains(conversation.toString());

        mvc.perform(post("/workspace/inbox/" + conversation + "/sentiment")
                        .session(session)
                        .with(csrf())
                        .param("sentiment", "NEGATIVE"))
                .andExpect(status().is3xxRedirection());
        assertThat(column(conversation, "sentiment")).isEqualTo("NEGATIVE");
        assertThat(jdbc.sql("select detected || '>' || corrected from listening_sentiment_correction"
                                + " where conversation_id = ?")
                        .param(conversation)
                        .query(String.class)
                        .single())
                .isEqualTo("UNCLEAR>NEGATIVE");
        assertThat(mvc.perform(get("/workspace/inbox/review").session(session))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .doesNotContain(conversation.toString());
    }

    private String replyState(UUID replyId) {
        return jdbc.sql("select state from listening_message where id = ?")
                .param(replyId)
                .query(String.class)
                .single();
    }

    private List<String> history(UUID conversation) {
        return jdbc.sql("select event_key from listening_history where conversation_id = ? order by id")
                .param(conversation)
                .query(String.class)
                .list();
    }
}
