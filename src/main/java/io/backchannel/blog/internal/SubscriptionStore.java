package io.backchannel.blog.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who follows a post's comments or a category's new posts by e-mail. */
@Repository
class SubscriptionStore {

    private final JdbcClient jdbc;

    SubscriptionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the address to the post's or category's subscribers, or finds it there; a confirmed subscription stays
     * confirmed, and {@code confirmed} confirms an existing one.
     */
    Stored subscribe(Target target, String email, @Nullable UUID accountId, String locale, boolean confirmed) {
        String column = target.postId() != null ? "post_id" : "category_id";
        return jdbc.sql(
                        """
                        insert into blog_subscription (email, account_id, post_id, category_id, locale, confirmed_at)
                        values (:email, :account, :post, :category, :locale, case when :confirmed then now() end)
                        on conflict (%1$s, lower(email)) where %1$s is not null do update
                        set confirmed_at = coalesce(blog_subscription.confirmed_at,
                                                    case when :confirmed then now() end),
                            account_id = coalesce(excluded.account_id, blog_subscription.account_id)
                        returning id, confirmed_at is not null as confirmed"""
                                .formatted(column))
                .param("email", email)
                .param("account", accountId)
                .param("post", target.postId())
                .param("category", target.categoryId())
                .param("locale", locale)
                .param("confirmed", confirmed)
                .query(Stored.class)
                .single();
    }

    Optional<Subscription> find(UUID id) {
        return jdbc.sql(
                        """
                        select s.id, s.email, s.account_id, s.locale, s.confirmed_at is not null as confirmed,
                               p.id as post_id, p.title as post_title, p.language as post_language,
                               p.slug as post_slug, c.slug as category_slug
                        from blog_subscription s
                        left join blog_post p on p.id = s.post_id
                        left join blog_category c on c.id = s.category_id
                        where s.id = ?""")
                .param(id)
                .query(Subscription.class)
                .optional();
    }

    boolean confirm(UUID id) {
        return jdbc.sql("update blog_subscription set confirmed_at = coalesce(confirmed_at, now()) where id = ?")
                        .param(id)
                        .update()
                == 1;
    }

    void delete(UUID id) {
        jdbc.sql("delete from blog_subscription where id = ?").param(id).update();
    }

    List<Recipient> confirmedForPost(UUID postId) {
        return jdbc.sql(
                        """
                        select id, email, account_id, locale from blog_subscription
                        where post_id = ? and confirmed_at is not null order by created_at""")
                .param(postId)
                .query(Recipient.class)
                .list();
    }

    List<Recipient> confirmedForCategory(String categorySlug) {
        return jdbc.sql(
                        """
                        select s.id, s.email, s.account_id, s.locale
                        from blog_subscription s join blog_category c on c.id = s.category_id
                        where c.slug = ? and s.confirmed_at is not null order by s.created_at""")
                .param(categorySlug)
                .query(Recipient.class)
                .list();
    }

    Optional<UUID> categoryId(String slug) {
        return jdbc.sql("select id from blog_category where slug = ?")
                .param(slug)
                .query(UUID.class)
                .optional();
    }

    List<String> categorySlugs() {
        return jdbc.sql("select slug from blog_category order by position, slug")
                .query(String.class)
                .list();
    }

    record Target(@Nullable UUID postId, @Nullable UUID categoryId) {}

    record Stored(UUID id, boolean confirmed) {}

    record Subscription(
            UUID id,
            String email,
            @Nullable UUID accountId,
            String locale,
            boolean confirmed,
            @Nullable UUID postId,
            @Nullable String postTitle,
            @Nullable String postLanguage,
            @Nullable String postSlug,
            @Nullable String categorySlug) {}

    record Recipient(UUID id, String email, @Nullable UUID accountId, String locale) {}
}
