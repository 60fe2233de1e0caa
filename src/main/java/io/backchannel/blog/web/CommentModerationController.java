package io.backchannel.blog.web;

import io.backchannel.blog.internal.BlogComments;
import io.backchannel.blog.internal.CommentModeration;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The staff's queue of blog comments waiting for review or held back as spam (under /workspace: staff only). */
@Controller
class CommentModerationController {

    static final String VIEW = "blog/comment-queue";
    static final String QUEUE = "redirect:/workspace/blog/comments";

    private final CommentModeration moderation;
    private final BlogComments comments;

    CommentModerationController(CommentModeration moderation, BlogComments comments) {
        this.moderation = moderation;
        this.comments = comments;
    }

    @GetMapping("/workspace/blog/comments")
    String queue(Model model) {
        model.addAttribute("queue", moderation.queue());
        return VIEW;
    }

    @PostMapping("/workspace/blog/comments/{id}/approve")
    String approve(@PathVariable UUID id, RedirectAttributes redirect) {
        moderation.approve(id);
        redirect.addFlashAttribute("flash", "blog.comments.queue.approved");
        return QUEUE;
    }

    @PostMapping("/workspace/blog/comments/{id}/reject")
    String reject(@PathVariable UUID id, RedirectAttributes redirect) {
        moderation.reject(id);
        redirect.addFlashAttribute("flash", "blog.comments.queue.rejected");
        return QUEUE;
    }

    @PostMapping("/workspace/blog/comments/{id}/spam")
    String spam(@PathVariable UUID id, RedirectAttributes redirect) {
        moderation.markSpam(id);
        redirect.addFlashAttribute("flash", "blog.comments.queue.marked-spam");
        return QUEUE;
    }

    @PostMapping("/workspace/blog/comments/{id}/not-spam")
    String notSpam(@PathVariable UUID id, RedirectAttributes redirect) {
        moderation.notSpam(id);
        redirect.addFlashAttribute("flash", "blog.comments.queue.not-spam");
        return QUEUE;
    }

    /** From the comments section: takes a public comment down and returns to the post's comments. */
    @PostMapping("/workspace/blog/comments/{id}/remove")
    String remove(@PathVariable UUID id, RedirectAttributes redirect) {
        UUID post = moderation.remove(id);
        redirect.addFlashAttribute("flash", "blog.comments.removed");
        return "redirect:" + CommentsController.comments(comments.post(post)) + "#blog-comments";
    }
}
