-- The company blog: posts in several languages, their revisions, tags and comments.

-- The stakeholder groups the blog speaks to. Names come from the message bundles (blog.category.<slug>).
create table blog_category
(
    id         uuid primary key default gen_random_uuid(),
    slug       text not null unique,
    -- PRE: a comment waits for a moderator; POST: it shows at once and can be removed later.
    moderation text not null default 'POST' check (moderation in ('PRE', 'POST')),
    position   int  not null default 0
);
insert into blog_category (slug, moderation, position)
values ('news', 'POST', 1),
       ('ideas-in-action', 'POST', 2),
       ('investor-relations', 'PRE', 3),
       ('careers', 'POST', 4),
       ('product', 'POST', 5);

create table blog_post
(
    id                       uuid primary key         default gen_random_uuid(),
    number                   bigint generated always as identity unique,
    language                 text                     not null,
    slug                     text                     not null,
    title                    text                     not null,
    summary                  text                     not null default '',
    body_markdown            text                     not null,
    body_html                text                     not null,
    category_id              uuid                     not null references blog_category (id),
    author_id                uuid                     not null,
    -- A translation points at its original; originals have none. A translation made from revision n of the original
    -- needs an update once the original's revision is above n.
    translation_of           uuid references blog_post (id) on delete set null,
    translated_from_revision int,
    state                    text                     not null default 'DRAFT'
        check (state in ('DRAFT', 'SCHEDULED', 'PUBLISHED')),
    -- When a scheduled post goes public; for a published post, when it went public.
    publish_at               timestamp with time zone,
    comments_closed          boolean                  not null default false,
    comments_closed_note     text                     not null default '',
    -- Content revision (bumped by every saved edit) and row version (optimistic locking of the editor).
    revision                 int                      not null default 1,
    version                  int                      not null default 0,
    created_at               timestamp with time zone not null default now(),
    updated_at               timestamp with time zone not null default now(),
    search                   tsvector generated always as (
        setweight(to_tsvector(case language
                                  when 'de' then 'german'::regconfig
                                  when 'en' then 'english'::regconfig
                                  when 'es' then 'spanish'::regconfig
                                  when 'fr' then 'french'::regconfig
                                  when 'it' then 'italian'::regconfig
                                  when 'nl' then 'dutch'::regconfig
                                  when 'no' then 'norwegian'::regconfig
                                  when 'pt' then 'portuguese'::regconfig
                                  else 'simple'::regconfig end, title), 'A') ||
        setweight(to_tsvector(case language
                                  when 'de' then 'german'::regconfig
                                  when 'en' then 'english'::regconfig
                                  when 'es' then 'spanish'::regconfig
                                  when 'fr' then 'french'::regconfig
                                  when 'it' then 'italian'::regconfig
                                  when 'nl' then 'dutch'::regconfig
                                  when 'no' then 'norwegian'::regconfig
                                  when 'pt' then 'portuguese'::regconfig
                                  else 'simple'::regconfig end, summary || ' ' || body_markdown), 'B')
        ) stored,
    unique (language, slug)
);
create index blog_post_published_idx on blog_post (publish_at desc, id) where state = 'PUBLISHED';
create index blog_post_language_idx on blog_post (language, publish_at desc) where state = 'PUBLISHED';
create index blog_post_category_idx on blog_post (category_id, publish_at desc) where state = 'PUBLISHED';
create index blog_post_scheduled_idx on blog_post (publish_at) where state = 'SCHEDULED';
create index blog_post_translation_idx on blog_post (translation_of);
create index blog_post_search_idx on blog_post using gin (search);

create table blog_post_tag
(
    post_id uuid not null references blog_post (id) on delete cascade,
    tag     text not null,
    primary key (post_id, tag)
);
create index blog_post_tag_tag_idx on blog_post_tag (tag);

-- Every saved state of a post, so staff can see who changed what and restore an earlier one.
create table blog_revision
(
    post_id       uuid                     not null references blog_post (id) on delete cascade,
    revision      int                      not null,
    title         text                     not null,
    summary       text                     not null,
    body_markdown text                     not null,
    edited_by     uuid                     not null,
    edited_at     timestamp with time zone not null default now(),
    primary key (post_id, revision)
);

-- Uploaded images, re-encoded on upload so that nothing but pixels from the original file is served.
create table blog_image
(
    id           uuid primary key         default gen_random_uuid(),
    content_type text                     not null,
    bytes        bytea                    not null,
    width        int                      not null,
    height       int                      not null,
    uploaded_by  uuid                     not null,
    created_at   timestamp with time zone not null default now()
);

create table blog_comment
(
    id            uuid primary key         default gen_random_uuid(),
    post_id       uuid                     not null references blog_post (id) on delete cascade,
    -- Replies are one level deep: a reply's parent is never itself a reply.
    parent_id     uuid references blog_comment (id) on delete cascade,
    -- A signed-in author, or a guest with a name and an e-mail address.
    author_id     uuid,
    guest_name    text,
    guest_email   text,
    body_markdown text                     not null,
    body_html     text                     not null,
    staff         boolean                  not null default false,
    state         text                     not null default 'PUBLISHED'
        check (state in ('PENDING', 'PUBLISHED', 'REJECTED', 'SPAM')),
    created_at    timestamp with time zone not null default now(),
    check (author_id is not null or (guest_name is not null and guest_email is not null))
);
create index blog_comment_post_idx on blog_comment (post_id, created_at) where state = 'PUBLISHED';
create index blog_comment_pending_idx on blog_comment (created_at) where state = 'PENDING';
create index blog_comment_parent_idx on blog_comment (parent_id);
