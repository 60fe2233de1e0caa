package io.backchannel.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.ideas.internal.IdeaPortal;
import io.backchannel.identity.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

@IntegrationTest
class VoteBudgetTests extends IdeasIntegrationTest {

    UUID board;
    String slug;
    MockHttpSession admin;

    @BeforeEach
    void board() throws Exception {
        slug = "budget-" + marker();
        board = ideas.createCategory(slug, "Budget " + slug, "", false);
        admin = logIn("admin", Role.ADMIN, Role.STAFF);
    }

    @Test
    void adminSetsTheBudgetOnTheBoardsPageAndCustomersCannot() throws Exception {
        var customer = logIn("customer", Role.CUSTOMER);
        mvc.perform(post("/admin/ideas/boards/" + board + "/budget")
                        .session(customer)
                        .with(csrf())
                        .param("voteBudget", "1"))
                .andExpect(status().isForbidden());
        assertThat(budget()).isZero();

        setBudget("3").andExpect(flash().attribute("flash", "ideas.budget.saved"));
        assertThat(budget()).isEqualTo(3);
        mvc.perform(get("/admin/ideas/boards").session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"voteBudget\"")))
                .andExpect(content().string(containsString("value=\"3\"")));

        for (String bad : new String[] {"0", "-1", "1001", "abc", "1e3", "<script>alert(1)</script>"}) {
            setBudget(bad).andExpect(flash().attribute("flashError", "ideas.budget.invalid"));
        }
        assertThat(budget()).isEqualTo(3);
        setBudget("").andExpect(flash().attribute("flash", "ideas.budget.saved"));
        assertThat(budget()).isZero();
        mvc.perform(post("/admin/ideas/boards/" + UUID.randomUUID() + "/budget")
                        .session(admin)
                        .with(csrf())
                        .param("voteBudget", "2"))
                .andExpect(status().isNotFound());
    }

    @Test
    void refusesOverBudgetVoteWithTranslatedMessageAndGivesTheVoteBackWhenAnIdeaCloses() throws Exception {
        setBudget("2");
        UUID author = account("author");
        long first = ideas.submit(author, board, "First", "text");
        long second = ideas.submit(author, board, "Second", "text");
        long third = ideas.submit(author, board, "Third", "text");
        String voterEmail = TestAccounts.create(identity, "voter", Role.CUSTOMER);
        var voter = TestAccounts.login(mvc, voterEmail);

        mvc.perform(get("/ideas").param("category", slug).session(voter))
                .andExpect(content().string(containsString("2 votes left of 2 on this board")));
        vote(voter, first, 1).andExpect(flash().attributeCount(0));
        vote(voter, second, -1).andExpect(flash().attributeCount(0));
        mvc.perform(get("/ideas/" + third).session(voter))
                .andExpect(content().string(containsString("No votes left of 2 on this board")));
        vote(voter, third, 1).andExpect(flash().attribute("flashError", "ideas.budget.exhausted"));
        assertThat(score(third)).isEqualTo(1);
        // Turning a promote into a demote uses no more of the budget.
        vote(voter, first, -1).andExpect(flash().attributeCount(0));

        String refusal = mvc.perform(get("/ideas/" + third)
                        .session(voter)
                        .header("Accept-Language", "de")
                        .flashAttr("flashError", "ideas.budget.exhausted"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(refusal).contains("Sie haben alle Ihre Stimmen auf diesem Board vergeben");

        ideas.changeStatus(second, IdeaStatus.DUPLICATE, "Same as the first.", account("staff"));
        mvc.perform(get("/ideas/" + third).session(voter))
                .andExpect(content().string(containsString("One vote left of 2 on this board")));
        vote(voter, third, 1).andExpect(flash().attributeCount(0));
        assertThat(score(third)).isEqualTo(2);
        // Withdrawing frees a vote, too.
        vote(voter, first, 0);
        mvc.perform(get("/ideas/" + third).session(voter))
                .andExpect(content().string(containsString("One vote left of 2")));
    }

    @Test
    void ownIdeasAndBoardsWithoutBudgetAreNotLimited() throws Exception {
        setBudget("1");
        UUID person = account("author");
        ideas.submit(person, board, "Mine one", "text");
        ideas.submit(person, board, "Mine two", "text");
        long other = ideas.submit(account("other"), board, "Someone else's", "text");
        ideas.vote(other, person, 1);
        String freeSlug = "free-" + UUID.randomUUID();
        UUID free = ideas.createCategory(freeSlug, "Free", "", false);
        long unlimited = ideas.submit(account("other"), free, "Unlimited", "text");
        ideas.vote(unlimited, person, 1);
        long second = ideas.submit(account("other"), board, "One too many", "text");
        assertThatThrownBy(() -> ideas.vote(second, person, 1))
                .isInstanceOfSatisfying(IdeaPortal.VoteRefused.class, e -> assertThat(e.reason())
                        .isEqualTo(IdeaPortal.VoteRefused.Reason.OVER_BUDGET));
        var session = logIn("anon", Role.CUSTOMER);
        mvc.perform(get("/ideas").param("category", freeSlug).session(session))
                .andExpect(content().string(not(containsString("vote-budget"))));
        mvc.perform(get("/ideas").param("category", slug).session(session))
                .andExpect(content().string(containsString("One vote left of 1 on this board")));
        mvc.perform(get("/ideas").param("category", slug))
                .andExpect(content().string(not(containsString("vote-budget"))));
    }

    @Test
    void parallelVotesBySamePersonOnDifferentIdeasNeverExceedTheBudget() throws Exception {
        setBudget("3");
        UUID author = account("author");
        List<Long> numbers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            numbers.add(ideas.submit(author, board, "Parallel " + i, "text"));
        }
        String email = TestAccounts.create(identity, "eager", Role.CUSTOMER);
        var session = TestAccounts.login(mvc, email);
        List<Callable<Void>> requests = new ArrayList<>();
        for (long number : numbers) {
            requests.add(() -> {
                vote(session, number, 1).andExpect(status().is3xxRedirection());
                return null;
            });
        }
        try (var pool = Executors.newFixedThreadPool(12)) {
            for (var result : pool.invokeAll(requests)) {
                result.get();
            }
        }
        assertThat(jdbc.sql(
                                """
                                select count(*) from ideas_vote v join ideas_idea i on i.id = v.idea_id
                                where i.category_id = ? and v.account_id <> i.author_id""")
                        .param(board)
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
        assertThat(jdbc.sql("select sum(promotes) from ideas_idea where category_id = ?")
                        .param(board)
                        .query(Integer.class)
                        .single())
                .isEqualTo(12 + 3);
    }

    private org.springframework.test.web.servlet.ResultActions setBudget(String value) throws Exception {
        return mvc.perform(post("/admin/ideas/boards/" + board + "/budget")
                .session(admin)
                .with(csrf())
                .param("voteBudget", value));
    }

    private org.springframework.test.web.servlet.ResultActions vote(MockHttpSession session, long number, int value)
            throws Exception {
        return mvc.perform(
                post("/ideas/" + number + "/vote").session(session).with(csrf()).param("value", String.valueOf(value)));
    }

    /** The board's budget, 0 for none. */
    private int budget() {
        return jdbc.sql("select coalesce(vote_budget, 0) from ideas_category where id = ?")
                .param(board)
                .query(Integer.class)
                .single();
    }

    private int score(long number) {
        return jdbc.sql("select promotes - demotes from ideas_idea where number = ?")
                .param(number)
                .query(Integer.class)
                .single();
    }

    private UUID account(String prefix) {
        return account(prefix, Role.CUSTOMER);
    }
}
