package io.backchannel.blog.internal;

import io.backchannel.blog.CommentPosted;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.KeyedHashes;
import io.backchannel.system.NotFoundException;
import io.backchannel.system.RateLimits;
import io.backchannel.text.SafeMarkdown;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The comments under a blog post: the section that pages include ({@code @blogComments.forPost(postId)}), and posting
 * by signed-in people and, when allowed, guests. Replies are one level deep. What a new comment becomes depends on
 * who wrote it and where: staff publish at once; otherwise the spam heuristics come first, then the category's
 * moderation. Only a comment that becomes public raises {@link CommentPosted}.
 */
@Service("blogComments")
@Transactional
public class BlogComments {

    private final CommentablePosts posts;
    private final CommentStore comments;
    private final CommentSettings settings;
    private final SpamHeuristics spam;
    private final FormStamps stamps;
    private final RateLimits limits;
    private final KeyedHashes hashes;
    private final IdentityManagement identity;
    private final ApplicationEventPublisher events;

    BlogComments(
            CommentablePosts posts,
            CommentStore comments,
            CommentSettings settings,
            SpamHeuristics spam,
            FormStamps stamps,
            RateLimits limits,
            KeyedHashes hashes,
            IdentityManagement identity,
            ApplicationEventPublisher events) {
        this.posts = posts;
        this.comments = comments;
        this.settings = settings;
        this.spam = spam;
        this.stamps = stamps;
        this.limits = limits;
        this.hashes = hashes;
        this.identity = identity;
        this.events = events;
    }

    /**
     * Everything the comments section shows for a published post; null for a post that is not public. Not read-only:
     * signing the form's stamp may store the installation's secret on its first use.
     */
    public @Nullable Section forPost(UUID postId) {
        return posts.byId(postId).map(this::section).orElse(null);
    }

    /** The published post at this address, for the standalone comments page. */
    @Transactional(readOnly = true)
    public PostSummary post(String language, String slug) {
        return posts.byPath(language, slug)
                .map(PostSummary::of)
                .orElseThrow(() -> new NotFoundException("blog post " + language + "/" + slug));
    }

    /** The published post with this id, to go back to its comments after an action elsewhere. */
    @Transactional(readOnly = true)
    public PostSummary post(UUID postId) {
        return posts.byId(postId).map(PostSummary::of).orElseThrow(() -> new NotFoundException("blog post " + postId));
    }

    /** Takes a comment or reply; {@code author} is null for a guest, who then must give a name and an address. */
    public Outcome post(
            String language, String slug, Submission submission, @Nullable SignedInAccount author, String address) {
        var post = posts.byPath(language, slug)
                .orElseThrow(() -> new NotFoundException("blog post " + language + "/" + slug));
        if (post.commentsClosed()) {
            return Outcome.refused(Refusal.CLOSED);
        }
        if (author == null && !settings.guestComments()) {
            return Outcome.refused(Refusal.GUESTS_OFF);
        }
        Map<String, Problem> problems = validate(submission, author == null);
        if (!problems.isEmpty()) {
            return new Outcome(null, null, Refusal.INVALID, problems);
        }
        String addressHash = hashes.hash(address);
        if (!limits.tryAcquire("blog-comment", addressHash)
                || (author != null
                        && !limits.tryAcquire("blog-comment", author.id().toString()))) {
            return Outcome.refused(Refusal.RATE_LIMITED);
        }
        @Nullable UUID parent = parent(post.id(), submission.parent());
        String body = submission.body().strip();
        boolean staff = author != null && author.staff();
        @Nullable UUID authorId = author == null ? null : author.id();
        @Nullable String guestName = author == null ? submission.name().strip() : null;
        @Nullable String guestEmail = author == null ? submission.email().strip() : null;
        var spamReason = staff
                ? Optional.<SpamHeuristics.Reason>empty()
                : spam.check(body, submission.website(), submission.stamp(), authorId, guestEmail, addressHash);
        String state = spamReason.isPresent()
                ? CommentStore.SPAM
                : !staff && post.preModerated() ? CommentStore.PENDING : CommentStore.PUBLISHED;
        UUID id = comments.add(new CommentStore.New(
                post.id(),
                parent,
                authorId,
                guestName,
                guestEmail,
                body,
                SafeMarkdown.toHtml(body),
                staff,
                state,
                addressHash,
                spamReason.map(Enum::name).orElse("")));
        if (CommentStore.PUBLISHED.equals(state)) {
            events.publishEvent(new CommentPosted(id, post.id(), parent, authorId, staff, Instant.now()));
        }
        return new Outcome(id, CommentStore.PUBLISHED.equals(state), null, Map.of());
    }

    /** Staff: closes the post's comments with a note that the section shows, or opens them again. */
    public PostSummary close(UUID postId, boolean closed, String note) {
        var post = post(postId);
        posts.close(post.id(), closed, note.strip());
        return post;
    }

    /** A reply to a reply joins the thread of the comment it answers, so replies stay one level deep. */
    private @Nullable UUID parent(UUID postId, @Nullable UUID requested) {
        if (requested == null) {
            return null;
        }
        var target = comments.find(requested)
                .filter(comment -> comment.postId().equals(postId))
                .filter(comment -> CommentStore.PUBLISHED.equals(comment.state()))
                .orElseThrow(() -> new NotFoundException("blog comment " + requested));
        return target.parentId() == null ? target.id() : target.parentId();
    }

    private Map<String, Problem> validate(Submission submission, boolean guest) {
        Map<String, Problem> problems = new LinkedHashMap<>();
        String body = submission.body().strip();
        if (body.isEmpty()) {
            problems.put("body", new Problem("validation.required", 0));
        } else if (body.length() > settings.maxLength()) {
            problems.put("body", new Problem("blog.comments.error.too-long", settings.maxLength()));
        }
        if (guest) {
            String name = submission.name().strip();
            String email = submission.email().strip();
            if (name.isEmpty()) {
                problems.put("name", new Problem("validation.required", 0));
            } else if (name.length() > CommentSettings.NAME_MAX) {
                problems.put("name", new Problem("blog.comments.error.too-long", CommentSettings.NAME_MAX));
            }
            if (email.isEmpty()) {
                problems.put("email", new Problem("validation.required", 0));
            } else if (!EmailAddresses.plausible(email)) {
                problems.put("email", new Problem("validation.email", 0));
            }
        }
        return problems;
    }

    private Section section(CommentablePosts.Post post) {
        var rows = comments.published(post.id());
        Set<UUID> people = new HashSet<>();
        rows.forEach(row -> {
            if (row.authorId() != null) {
                people.add(row.authorId());
            }
        });
        Map<UUID, String> names = identity.displayNames(people);
        Map<UUID, List<CommentView>> replies = new LinkedHashMap<>();
        List<CommentView> top = new ArrayList<>();
        for (var row : rows) {
            var view = new CommentView(
                    row.id(),
                    row.authorId() == null ? String.valueOf(row.guestName()) : names.getOrDefault(row.authorId(), ""),
                    row.authorId() == null,
                    row.staff(),
                    row.bodyHtml(),
                    row.createdAt());
            if (row.parentId() == null) {
                top.add(view);
                replies.put(row.id(), new ArrayList<>());
            } else {
                replies.computeIfAbsent(row.parentId(), key -> new ArrayList<>())
                        .add(view);
            }
        }
        return new Section(
                post.id(),
                post.language(),
                post.slug(),
                post.commentsClosed(),
                post.commentsClosedNote(),
                settings.guestComments(),
                settings.maxLength(),
                stamps.issue(),
                rows.size(),
                top.stream()
                        .map(comment -> new CommentThread(comment, List.copyOf(replies.get(comment.id()))))
                        .toList());
    }

    /** What a person typed into a comment form; guests' name and e-mail, the honeypot and the form's stamp. */
    public record Submission(
            @Nullable UUID parent, String body, String name, String email, String website, String stamp) {}

    /** A field's problem as a message key, with the limit for "too long" messages. */
    public record Problem(String key, int limit) {}

    /** Why a comment was not taken at all. */
    public enum Refusal {
        INVALID,
        CLOSED,
        GUESTS_OFF,
        RATE_LIMITED
    }

    /**
     * The result of posting: the new comment and whether it is public (otherwise it waits for review), or the refusal
     * and the fields' problems.
     */
    public record Outcome(
            @Nullable UUID commentId,
            @Nullable Boolean published,
            @Nullable Refusal refusal,
            Map<String, Problem> problems) {

        static Outcome refused(Refusal refusal) {
            return new Outcome(null, null, refusal, Map.of());
        }
    }

    public record PostSummary(UUID id, String language, String slug, String title) {

        static PostSummary of(CommentablePosts.Post post) {
            return new PostSummary(post.id(), post.language(), post.slug(), post.title());
        }
    }

    public record Section(
            UUID postId,
            String language,
            String slug,
            boolean closed,
            String closedNote,
            boolean guestsAllowed,
            int maxLength,
            String stamp,
            int count,
            List<CommentThread> threads) {}

    public record CommentThread(CommentView comment, List<CommentView> replies) {}

    public record CommentView(
            UUID id, String author, boolean guest, boolean staff, String bodyHtml, Instant createdAt) {}
}
