package io.backchannel.blog.internal;

import io.backchannel.ideas.IdeaStatus;
import io.backchannel.ideas.IdeaStatusChanged;
import io.backchannel.ideas.IdeasManagement;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * When an idea is implemented, prepares an "ideas in action" draft about it for staff to write up: once per idea, and
 * never published by itself.
 */
@Component
class IdeaDrafts {

    static final String CATEGORY = "ideas-in-action";

    private final JdbcClient jdbc;
    private final IdeasManagement ideas;
    private final BlogEditor editor;
    private final BlogLanguages languages;
    private final MessageSource messages;

    IdeaDrafts(
            JdbcClient jdbc,
            IdeasManagement ideas,
            BlogEditor editor,
            BlogLanguages languages,
            MessageSource messages) {
        this.jdbc = jdbc;
        this.ideas = ideas;
        this.editor = editor;
        this.languages = languages;
        this.messages = messages;
    }

    @ApplicationModuleListener
    void on(IdeaStatusChanged changed) {
        if (changed.to() != IdeaStatus.IMPLEMENTED) {
            return;
        }
        var idea = ideas.reference(changed.ideaId()).orElse(null);
        // The primary key makes a second event for the idea (implemented again after a step back) do nothing.
        if (idea == null
                || jdbc.sql("insert into blog_idea_draft (idea_id) values (?) on conflict do nothing")
                                .param(changed.ideaId())
                                .update()
                        == 0) {
            return;
        }
        var locale = Locale.forLanguageTag(languages.primary());
        String title = messages.getMessage("blog.editor.idea-draft.title", new Object[] {idea.title()}, locale);
        String body = messages.getMessage(
                "blog.editor.idea-draft.body",
                new Object[] {idea.number(), markdownText(idea.title()), idea.url()},
                locale);
        var postId = editor.prepareDraft(title, "", body, CATEGORY, changed.changedBy());
        jdbc.sql("update blog_idea_draft set post_id = ? where idea_id = ?")
                .params(postId, changed.ideaId())
                .update();
    }

    /** The idea's title as link text: brackets and other Markdown syntax in it are taken literally. */
    private static String markdownText(String text) {
        return text.replaceAll("([\\\\`*_\\[\\]()#<>!])", "\\\\$1");
    }
}
