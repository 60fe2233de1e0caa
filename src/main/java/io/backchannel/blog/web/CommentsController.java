package io.backchannel.blog.web;

import io.backchannel.blog.internal.BlogComments;
import io.backchannel.blog.internal.BlogComments.Outcome;
import io.backchannel.identity.SignedInAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A post's comments on a page of their own (the post page includes the same section), posting a comment or reply,
 * and staff closing the comments or removing one. The section's forms post with htmx and swap the section from the
 * answer, so an answer that refuses a comment is 200 for htmx (which swaps nothing else) and 4xx otherwise.
 */
@Controller
class CommentsController {

    static final String PAGE = "blog/comments-page";
    static final int NOTE_MAX = 1000;

    private final BlogComments comments;

    CommentsController(BlogComments comments) {
        this.comments = comments;
    }

    @GetMapping("/blog/{language}/{slug}/comments")
    String page(@PathVariable String language, @PathVariable String slug, Model model) {
        model.addAttribute("post", comments.post(language, slug));
        return PAGE;
    }

    @PostMapping("/blog/{language}/{slug}/comments")
    String post(
            @PathVariable String language,
            @PathVariable String slug,
            CommentForm form,
            @AuthenticationPrincipal @Nullable SignedInAccount account,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        var post = comments.post(language, slug);
        Outcome outcome = comments.post(language, slug, form.submission(), account, request.getRemoteAddr());
        if (outcome.refusal() == null) {
            redirect.addFlashAttribute(
                    "commentNotice",
                    Boolean.TRUE.equals(outcome.published()) ? "blog.comments.published" : "blog.comments.waiting");
            return "redirect:" + comments(post) + "#comment-" + outcome.commentId();
        }
        if (!"true".equals(request.getHeader("HX-Request"))) {
            response.setStatus(
                    switch (outcome.refusal()) {
                        case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT.value();
                        case CLOSED -> HttpStatus.CONFLICT.value();
                        case GUESTS_OFF -> HttpStatus.FORBIDDEN.value();
                        case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS.value();
                    });
        }
        model.addAttribute("post", post);
        model.addAttribute("commentForm", form);
        model.addAttribute("commentErrors", outcome.problems());
        model.addAttribute(
                "commentError",
                switch (outcome.refusal()) {
                    case INVALID -> "blog.comments.refused.invalid";
                    case CLOSED -> "blog.comments.refused.closed";
                    case GUESTS_OFF -> "blog.comments.refused.guests-off";
                    case RATE_LIMITED -> "rate-limit.exceeded";
                });
        return PAGE;
    }

    @PostMapping("/workspace/blog/posts/{id}/comments/closed")
    String close(
            @PathVariable UUID id,
            @RequestParam boolean closed,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes redirect) {
        if (note.strip().length() > NOTE_MAX) {
            redirect.addFlashAttribute("flashError", "blog.comments.close.note-too-long");
            return "redirect:" + comments(comments.post(id));
        }
        var post = comments.close(id, closed, note);
        redirect.addFlashAttribute("flash", closed ? "blog.comments.close.done" : "blog.comments.close.reopened");
        return "redirect:" + comments(post) + "#blog-comments";
    }

    static String comments(BlogComments.PostSummary post) {
        return "/blog/" + post.language() + "/" + post.slug() + "/comments";
    }

    /**
     * The fields of the comment form as posted; missing ones are empty, and NUL characters, which PostgreSQL refuses in
     * text, are dropped.
     */
    record CommentForm(
            @Nullable UUID parent,
            @Nullable String body,
            @Nullable String name,
            @Nullable String email,
            @Nullable String website,
            @Nullable String stamp) {

        BlogComments.Submission submission() {
            return new BlogComments.Submission(
                    parent, clean(body), clean(name), clean(email), clean(website), clean(stamp));
        }

        private static String clean(@Nullable String value) {
            return Objects.requireNonNullElse(value, "").replace("\u0000", "");
        }
    }
}
