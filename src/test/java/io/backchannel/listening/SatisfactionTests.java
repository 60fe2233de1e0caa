package io.backchannel.listening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.identity.Role;
import io.backchannel.listening.internal.Satisfaction;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

/** The satisfaction question: asked once on resolving, answered by a signed link without login, changed later. */
@IntegrationTest
class SatisfactionTests extends ListeningIntegrationTest {

    private static final Pattern LINK = Pattern.compile("/satisfaction/([^\\s]+)");

    @Autowired
    Satisfaction satisfaction;

    @Test
    void resolvingAsksOnceAndTheCustomerAnswersAndChangesTheAnswer() throws Exception {
        supportByDefault();
        var admin = TestAccounts.login(mvc, TestAccounts.create(identity, "admin", Role.ADMIN));
        mvc.perform(post("/admin/inbox/satisfaction")
                        .session(admin)
                        .with(csrf())
                        .param(
                                "teams",
                                support.toString(),
                                "not-a-team",
                                UUID.randomUUID().toString()))
                .andExpect(status().is3xxRedirection());
        assertThat(satisfaction.askingTeams()).containsExactly(support);

        UUID conversation = capture(heard("s-" + marker, null, "@olli", "Where is my parcel? " + marker));
        var session = TestAccounts.login(mvc, staffEmail);
        resolve(session, conversation);
        String token = token(conversation);

        var question = Jsoup.parse(mvc.perform(get("/satisfaction/" + token))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(question.select("input[type=radio][name=score]")).hasSize(5);
        assertThat(question.select("label[for=score-5]").text()).isEqualTo("5 – very satisfied");

        answer(token, "4").andExpect(status().isOk());
        assertThat(score(conversation)).isEqualTo("4");
        var changed = Jsoup.parse(answer(token, "2")
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(changed.select(".thanks")).hasSize(1);
        assertThat(score(conversation)).isEqualTo("2");

        mvc.perform(post("/workspace/inbox/" + conversation + "/reopen")
                .session(session)
                .with(csrf()));
        resolve(session, conversation);
        assertThat(replies(conversation)).hasSize(1);

        var shown = Jsoup.parse(open(session, "/workspace/inbox/" + conversation));
        assertThat(shown.select(".satisfaction-score").text()).contains("2 of 5");
    }

    @Test
    void forgedExpiredAndMalformedLinksAndAnswersChangeNothing() throws Exception {
        supportByDefault();
        satisfaction.chooseTeams(List.of(support));
        UUID conversation = capture(heard("f-" + marker, null, "@olli", "Broken again " + marker));
        resolve(TestAccounts.login(mvc, staffEmail), conversation);
        String token = token(conversation);
        String forged = UUID.randomUUID() + token.substring(36);
        String expired = path(satisfaction.link(conversation, Instant.now().minusSeconds(60)));

        for (String bad : new String[] {forged, "garbage", token + "x", "a.b.c"}) {
            assertThat(mvc.perform(get("/satisfaction/" + bad))
                            .andExpect(status().isBadRequest())
                            .andReturn()
                            .getResponse()
                            .getContentAsString())
                    .contains("This link is not valid");
            answer(bad, "5").andExpect(status().isBadRequest());
        }
        assertThat(mvc.perform(get("/satisfaction/" + expired))
                        .andExpect(status().isBadRequest())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("This link has expired");
        answer(expired, "5").andExpect(status().isBadRequest());

        UUID notAsked = capture(heard("n-" + marker, null, "@olli", "Other " + marker));
        answer(path(satisfaction.link(notAsked, Instant.now().plusSeconds(600))), "5")
                .andExpect(status().isBadRequest());

        for (String score : new String[] {"0", "6", "-1", "<script>alert(1)</script>", ""}) {
            assertThat(answer(token, score)
                            .andExpect(status().isBadRequest())
                            .andReturn()
                            .getResponse()
                            .getContentAsString())
                    .contains("Please choose one of the answers")
                    .doesNotContain("<script>alert(1)");
        }
        mvc.perform(post("/satisfaction/" + token).param("score", "5")).andExpect(status().isForbidden());
        assertThat(score(conversation)).isNull();
        assertThat(score(notAsked)).isNull();
    }

    @Test
    void teamsThatDoNotAskSendNothingAndOnlyAdminsChooseThem() throws Exception {
        supportByDefault();
        satisfaction.chooseTeams(List.of());
        UUID conversation = capture(heard("q-" + marker, null, "@olli", "Quiet " + marker));
        var session = TestAccounts.login(mvc, staffEmail);
        resolve(session, conversation);
        assertThat(replies(conversation)).isEmpty();
        mvc.perform(get("/admin/inbox/satisfaction").session(session)).andExpect(status().isForbidden());
        mvc.perform(post("/admin/inbox/satisfaction")
                        .session(session)
                        .with(csrf())
                        .param("teams", support.toString()))
                .andExpect(status().isForbidden());
        assertThat(satisfaction.askingTeams()).isEmpty();
    }

    private void resolve(MockHttpSession session, UUID conversation) throws Exception {
        mvc.perform(post("/workspace/inbox/" + conversation + "/resolve")
                        .session(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
    }

    private org.springframework.test.web.servlet.ResultActions answer(String token, String score) throws Exception {
        return mvc.perform(post("/satisfaction/" + token).with(csrf()).param("score", score));
    }

    private List<String> replies(UUID conversation) {
        return jdbc.sql("select text from listening_message where conversation_id = ? and kind = 'REPLY'")
                .param(conversation)
                .query(String.class)
                .list();
    }

    private String token(UUID conversation) {
        var matcher = LINK.matcher(replies(conversation).getFirst());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static String path(String link) {
        return link.substring(link.indexOf("/satisfaction/") + "/satisfaction/".length());
    }

    private String score(UUID conversation) {
        return jdbc.sql("select score::text from listening_satisfaction where conversation_id = ?")
                .param(conversation)
                .query((rs, n) -> rs.getString(1))
                .optional()
                .orElse(null);
    }
}
