package io.backchannel.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import io.backchannel.IntegrationTest;
import io.backchannel.TestAccounts;
import io.backchannel.ideas.IdeaStatus;
import io.backchannel.ideas.IdeasManagement;
import io.backchannel.identity.Role;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class BlogIdeaDraftsTests extends BlogEditorIntegrationTest {

    @Autowired
    IdeasManagement ideas;

    @Test
    void anImplementedIdeaGetsOneUnpublishedIdeasInActionDraft() throws Exception {
        String m = marker();
        UUID board = ideas.createCategory("drafts-" + m, "Drafts " + m, "", false);
        UUID author = TestAccounts.id(jdbc, TestAccounts.create(identity, "idea-author", Role.CUSTOMER));
        String staffEmail = TestAccounts.create(identity, "implementer", Role.STAFF);
        UUID staffId = TestAccounts.id(jdbc, staffEmail);
        long number = ideas.submit(author, board, "Lighter [tent] pegs " + m, "Please.");
        long other = ideas.submit(author, board, "Only planned " + m, "Please.");
        UUID ideaId = jdbc.sql("select id from ideas_idea where number = ?")
                .param(number)
                .query(UUID.class)
                .single();

        ideas.changeStatus(other, IdeaStatus.PLANNED, "", staffId);
        ideas.changeStatus(number, IdeaStatus.IMPLEMENTED, "", staffId);
        UUID postId = awaitDraft(ideaId);
        ideas.changeStatus(number, IdeaStatus.IN_PROGRESS, "", staffId);
        ideas.changeStatus(number, IdeaStatus.IMPLEMENTED, "", staffId);
        awaitEventsHandled(ideaId);

        assertThat(jdbc.sql("select count(*) from blog_idea_draft where idea_id = ?")
                        .param(ideaId)
                        .query(Long.class)
                        .single())
                .isOne();
        assertThat(jdbc.sql("select count(*) from blog_post where title like ?")
                        .param("%pegs " + m)
                        .query(Long.class)
                        .single())
                .isOne();
        assertThat(jdbc.sql("select count(*) from blog_post where title like ?")
                        .param("%Only planned " + m)
                        .query(Long.class)
                        .single())
                .isZero();
        var post = jdbc.sql(
                        """
                        select p.state, p.language, c.slug, p.title, p.body_markdown, p.author_id, p.number
                        from blog_post p join blog_category c on c.id = p.category_id where p.id = ?""")
                .param(postId)
                .query((rs, row) -> new Object[] {
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getObject(6, UUID.class),
                    rs.getLong(7)
                })
                .single();
        assertThat(post[0]).isEqualTo("DRAFT");
        assertThat(post[1]).isEqualTo("en");
        assertThat(post[2]).isEqualTo("ideas-in-action");
        assertThat(post[3]).isEqualTo("Implemented: Lighter [tent] pegs " + m);
        assertThat((String) post[4]).contains("/ideas/" + number + ")").contains("\\[tent\\]");
        assertThat(post[5]).isEqualTo(staffId);

        mvc.perform(get(BASE)
                        .session(TestAccounts.login(mvc, staffEmail))
                        .param("state", "DRAFT")
                        .param("q", m))
                .andExpect(content().string(containsString("/workspace/blog/" + post[6] + "/edit")));
    }

    private UUID awaitDraft(UUID ideaId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var post = jdbc.sql("select post_id from blog_idea_draft where idea_id = ? and post_id is not null")
                    .param(ideaId)
                    .query(UUID.class)
                    .optional();
            if (post.isPresent()) {
                return post.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no draft for idea " + ideaId);
    }

    /** Waits until the blog has heard every status change of the idea. */
    private void awaitEventsHandled(UUID ideaId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            long open = jdbc.sql(
                            """
                            select count(*) from event_publication where completion_date is null
                            and listener_id like '%IdeaDrafts%' and serialized_event like ?""")
                    .param("%" + ideaId + "%")
                    .query(Long.class)
                    .single();
            if (open == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the blog did not hear every change of idea " + ideaId);
    }
}
