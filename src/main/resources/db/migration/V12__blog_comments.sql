-- Comments on the blog: what spam review needs, and e-mail subscriptions to a post's comments or a category's posts.

-- A keyed hash of the address a comment came from (never the address itself), to spot repeats from one sender, and
-- why the spam heuristics held a comment back (empty when they did not).
alter table blog_comment
    add column address_hash text;
alter table blog_comment
    add column spam_reason text not null default '';
create index blog_comment_review_idx on blog_comment (created_at) where state in ('PENDING', 'SPAM');
create index blog_comment_recent_idx on blog_comment (created_at desc);

-- One address following either a post's comments or a category's new posts. Guests confirm by mail first (double
-- opt-in): until then confirmed_at is null and nothing is sent but the confirmation.
create table blog_subscription
(
    id           uuid primary key         default gen_random_uuid(),
    email        text                     not null,
    account_id   uuid,
    post_id      uuid references blog_post (id) on delete cascade,
    category_id  uuid references blog_category (id) on delete cascade,
    -- The language to write to a guest in; accounts get their account's language.
    locale       text                     not null,
    confirmed_at timestamp with time zone,
    created_at   timestamp with time zone not null default now(),
    check ((post_id is null) <> (category_id is null))
);
create unique index blog_subscription_post_idx on blog_subscription (post_id, lower(email)) where post_id is not null;
create unique index blog_subscription_category_idx on blog_subscription (category_id, lower(email))
    where category_id is not null;
