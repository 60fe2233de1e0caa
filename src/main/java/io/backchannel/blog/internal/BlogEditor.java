package io.backchannel.blog.internal;

import io.backchannel.blog.PostPublished;
import io.backchannel.blog.PostUpdated;
import io.backchannel.blog.internal.BlogPosts.Content;
import io.backchannel.blog.internal.BlogPosts.Post;
import io.backchannel.blog.internal.BlogPosts.State;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.system.NotFoundException;
import io.backchannel.text.SafeMarkdown;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Writes posts for staff: drafts, publishing now or later, revisions, restores and translations. */
@Service
@Transactional
public class BlogEditor {

    /** Where uploaded images are served; posts may show images from here and nowhere else. */
    public static final String IMAGE_PATH = "/blog/images/";

    public static final int MAX_TITLE = 200;
    public static final int MAX_SUMMARY = 1000;
    public static final int MAX_TAGS = 10;
    public static final int MAX_TAG = 40;

    /** Further ahead than this, a date is a typo (year 20256) rather than a plan. */
    static final Duration MAX_AHEAD = Duration.ofDays(3653);

    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}]+(-[\\p{L}\\p{N}]+)*");
    private static final Logger log = LoggerFactory.getLogger(BlogEditor.class);

    private final BlogPosts posts;
    private final BlogLanguages languages;
    private final BlogEditorSettings settings;
    private final IdentityManagement identity;
    private final ApplicationEventPublisher events;

    BlogEditor(
            BlogPosts posts,
            BlogLanguages languages,
            BlogEditorSettings settings,
            IdentityManagement identity,
            ApplicationEventPublisher events) {
        this.posts = posts;
        this.languages = languages;
        this.settings = settings;
        this.identity = identity;
        this.events = events;
    }

    /** Writes a new post as the author and returns its number. */
    public long create(Draft draft, Action action, UUID authorId) {
        Content content = content(draft);
        checkSlugFree(content, null);
        UUID categoryId = categoryId(draft.category());
        Instant now = Instant.now();
        State state = stateAfter(action, State.DRAFT);
        Instant publishAt = publishAt(action, draft.publishAt(), null, now);
        UUID id = posts.insert(content, html(content.body()), categoryId, authorId, state, publishAt, null, null);
        posts.replaceTags(id, tags(draft.tags()));
        posts.addRevision(id, 1, content, authorId);
        Post post = posts.byId(id).orElseThrow();
        if (state == State.PUBLISHED) {
            published(post, now);
        }
        return post.number();
    }

    /**
     * Saves an edit made from {@code version}; refuses it with {@link StaleEdit} when someone saved in between. A changed
     * title, summary or text makes a new revision. {@code upToDate} marks a translation as following the original's
     * current revision.
     */
    public void update(long number, int version, Draft draft, Action action, boolean upToDate, UUID editorId) {
        Post post = posts.lock(number).orElseThrow(() -> new NotFoundException("post " + number));
        if (post.version() != version) {
            throw stale(post);
        }
        // The language is part of the post's identity (its translations hang on it), so an edit keeps it.
        Content content = content(draft.withLanguage(post.content().language()));
        checkSlugFree(content, post.id());
        UUID categoryId = categoryId(draft.category());
        Instant now = Instant.now();
        State state = stateAfter(action, post.state());
        Instant publishAt = publishAt(action, draft.publishAt(), post, now);
        int revision = changed(post.content(), content) ? post.revision() + 1 : post.revision();
        Integer translatedFrom =
                upToDate && post.translation() ? post.originalRevision() : post.translatedFromRevision();
        // The row is locked and its version checked above; the condition in the update is the last line of defence.
        if (!posts.update(
                post.id(),
                version,
                content,
                html(content.body()),
                categoryId,
                state,
                publishAt,
                revision,
                translatedFrom,
                editorId)) {
            throw stale(post);
        }
        posts.replaceTags(post.id(), tags(draft.tags()));
        if (revision != post.revision()) {
            posts.addRevision(post.id(), revision, content, editorId);
        }
        saved(post, state, revision, editorId, now);
    }

    /** Makes an earlier revision's title, summary and text the current ones, as a new revision. */
    public void restore(long number, int revision, UUID editorId) {
        Post post = posts.lock(number).orElseThrow(() -> new NotFoundException("post " + number));
        var old = posts.revision(post.id(), revision).orElseThrow(() -> new NotFoundException("revision " + revision));
        var current = post.content();
        Content content = new Content(current.language(), current.slug(), old.title(), old.summary(), old.body());
        int next = post.revision() + 1;
        UUID categoryId = posts.categoryId(post.categorySlug()).orElseThrow();
        posts.update(
                post.id(),
                post.version(),
                content,
                html(content.body()),
                categoryId,
                post.state(),
                post.publishAt(),
                next,
                post.translatedFromRevision(),
                editorId);
        posts.addRevision(post.id(), next, content, editorId);
        log.info("Post {} restored to revision {} as revision {} by {}", number, revision, next, editorId);
        saved(post, post.state(), next, editorId, Instant.now());
    }

    /**
     * Starts a translation of the post (of its original, when the post is a translation itself) into the language, as
     * a draft with the original's text, and returns its number; an existing translation into that language is returned
     * instead.
     */
    public long translate(long number, String language, UUID editorId) {
        Post post = posts.byNumber(number).orElseThrow(() -> new NotFoundException("post " + number));
        Post original = post.translationOf() == null
                ? post
                : posts.byId(post.translationOf()).orElseThrow(() -> new NotFoundException("original"));
        if (!languages.supported(language) || language.equals(original.content().language())) {
            throw new EditRefused("language", "blog.translations.language-invalid");
        }
        for (var translation : posts.translations(original.id())) {
            if (translation.language().equals(language)) {
                return translation.number();
            }
        }
        var source = original.content();
        String slug = freeSlug(language, source.slug());
        var content = new Content(language, slug, source.title(), source.summary(), source.body());
        UUID categoryId = posts.categoryId(original.categorySlug()).orElseThrow();
        UUID id = posts.insert(
                content,
                html(content.body()),
                categoryId,
                editorId,
                State.DRAFT,
                null,
                original.id(),
                original.revision());
        posts.replaceTags(id, tags(original.tags()));
        posts.addRevision(id, 1, content, editorId);
        return posts.byId(id).orElseThrow().number();
    }

    /** A draft in the primary language that nobody has written yet, e.g. from an implemented idea. */
    public UUID prepareDraft(String title, String summary, String body, String category, UUID authorId) {
        String language = languages.primary();
        String base = Slugs.suggest(title);
        String slug = freeSlug(language, base.isEmpty() ? "post" : base);
        String shortTitle = title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE) : title;
        var content = new Content(language, slug, shortTitle, summary, body);
        UUID id = posts.insert(content, html(body), categoryId(category), authorId, State.DRAFT, null, null, null);
        posts.addRevision(id, 1, content, authorId);
        return id;
    }

    /** Publishes the scheduled posts whose time has come (at {@code now}) and returns how many. */
    public int publishDue(Instant now) {
        var due = posts.lockDue(now);
        for (UUID id : due) {
            posts.markPublished(id, now);
            published(posts.byId(id).orElseThrow(), now);
        }
        return due.size();
    }

    public static String html(String markdown) {
        return SafeMarkdown.toHtmlWithImages(markdown, IMAGE_PATH);
    }

    /**
     * Tells the other modules: a post that goes public is published; a public post that changes, or is taken back to a
     * draft (its public page goes), is updated.
     */
    private void saved(Post before, State state, int revision, UUID editorId, Instant now) {
        if (state == State.PUBLISHED && before.state() != State.PUBLISHED) {
            published(posts.byId(before.id()).orElseThrow(), now);
        } else if (before.state() == State.PUBLISHED) {
            var after = posts.byId(before.id()).orElseThrow();
            events.publishEvent(new PostUpdated(
                    after.id(), after.content().language(), after.content().slug(), revision, editorId, now));
        }
    }

    private void published(Post post, Instant now) {
        events.publishEvent(new PostPublished(
                post.id(),
                post.content().language(),
                post.content().slug(),
                post.categorySlug(),
                post.content().title(),
                post.translationOf(),
                Objects.requireNonNullElse(post.publishAt(), now)));
    }

    private StaleEdit stale(Post post) {
        String name = post.updatedBy() == null
                ? "?"
                : identity.displayNames(List.of(post.updatedBy())).getOrDefault(post.updatedBy(), "?");
        return new StaleEdit(name, post.updatedAt(), post.revision());
    }

    private Content content(Draft draft) {
        String title = draft.title().strip();
        if (title.isEmpty()) {
            throw new EditRefused("title", "validation.required");
        }
        if (title.length() > MAX_TITLE) {
            throw new EditRefused("title", "blog.editor.title.too-long", MAX_TITLE);
        }
        if (draft.summary().length() > MAX_SUMMARY) {
            throw new EditRefused("summary", "blog.editor.summary.too-long", MAX_SUMMARY);
        }
        if (draft.body().length() > settings.maxBodyLength()) {
            throw new EditRefused("body", "blog.editor.body.too-long", settings.maxBodyLength());
        }
        if (!languages.supported(draft.language())) {
            throw new EditRefused("language", "validation.choice");
        }
        String slug = draft.slug().strip().isEmpty()
                ? Slugs.suggest(title)
                : draft.slug().strip();
        if (slug.isEmpty()) {
            throw new EditRefused("slug", "blog.editor.slug.required");
        }
        if (!Slugs.valid(slug)) {
            throw new EditRefused("slug", "blog.editor.slug.invalid");
        }
        return new Content(draft.language(), slug, title, draft.summary().strip(), draft.body());
    }

    private void checkSlugFree(Content content, @Nullable UUID except) {
        if (posts.slugTaken(content.language(), content.slug(), except)) {
            throw new EditRefused("slug", "blog.editor.slug.taken");
        }
    }

    private String freeSlug(String language, String base) {
        String slug = base;
        for (int n = 2; posts.slugTaken(language, slug, null); n++) {
            slug = base + "-" + n;
        }
        return slug;
    }

    private UUID categoryId(String slug) {
        return posts.categoryId(slug).orElseThrow(() -> new EditRefused("category", "validation.choice"));
    }

    private static State stateAfter(Action action, State current) {
        return switch (action) {
            case SAVE -> current;
            case PUBLISH -> State.PUBLISHED;
            case SCHEDULE -> {
                if (current == State.PUBLISHED) {
                    throw new EditRefused("publishAt", "blog.editor.schedule.published");
                }
                yield State.SCHEDULED;
            }
            case WITHDRAW -> State.DRAFT;
        };
    }

    private static @Nullable Instant publishAt(
            Action action, @Nullable Instant requested, @Nullable Post post, Instant now) {
        return switch (action) {
            case SAVE -> post == null ? null : post.publishAt();
            case PUBLISH -> post != null && post.state() == State.PUBLISHED ? post.publishAt() : now;
            case SCHEDULE -> {
                if (requested == null) {
                    throw new EditRefused("publishAt", "blog.editor.schedule.required");
                }
                if (!requested.isAfter(now)) {
                    throw new EditRefused("publishAt", "blog.editor.schedule.past");
                }
                if (requested.isAfter(now.plus(MAX_AHEAD))) {
                    throw new EditRefused("publishAt", "blog.editor.schedule.too-far");
                }
                yield requested;
            }
            case WITHDRAW -> null;
        };
    }

    private static boolean changed(Content before, Content after) {
        return !before.title().equals(after.title())
                || !before.summary().equals(after.summary())
                || !before.body().equals(after.body());
    }

    /** Tags from a comma-separated list: lower case, blanks inside become hyphens, duplicates dropped. */
    static List<String> tags(String list) {
        var tags = new LinkedHashSet<String>();
        for (String part : list.split(",")) {
            String tag = part.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
            if (tag.isEmpty()) {
                continue;
            }
            if (tag.length() > MAX_TAG || !TAG.matcher(tag).matches()) {
                throw new EditRefused("tags", "blog.editor.tags.invalid", MAX_TAG);
            }
            tags.add(tag);
        }
        if (tags.size() > MAX_TAGS) {
            throw new EditRefused("tags", "blog.editor.tags.too-many", MAX_TAGS);
        }
        return new ArrayList<>(tags);
    }

    /** What the editor's form holds. */
    public record Draft(
            String language,
            String slug,
            String title,
            String summary,
            String body,
            String category,
            String tags,
            @Nullable Instant publishAt) {

        Draft withLanguage(String other) {
            return new Draft(other, slug, title, summary, body, category, tags, publishAt);
        }
    }

    /** The editor's buttons: save as it stands, publish now, publish at a time, or take back to a draft. */
    public enum Action {
        SAVE,
        PUBLISH,
        SCHEDULE,
        WITHDRAW
    }
}
