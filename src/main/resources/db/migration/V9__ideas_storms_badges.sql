-- Storm sessions: a topic staff set for a time window, during which ideas are collected for it.
create table ideas_storm
(
    id                   uuid primary key         default gen_random_uuid(),
    slug                 text                     not null unique,
    title                text                     not null,
    description_markdown text                     not null default '',
    description_html     text                     not null default '',
    category_id          uuid references ideas_category (id),
    starts_at            timestamp with time zone not null,
    ends_at              timestamp with time zone not null,
    created_by           uuid                     not null,
    created_at           timestamp with time zone not null default now(),
    check (ends_at > starts_at)
);
create index ideas_storm_window_idx on ideas_storm (ends_at, starts_at);

-- The ideas a session collected; an idea joins at most one session, and only while it is open.
create table ideas_storm_idea
(
    idea_id  uuid primary key references ideas_idea (id) on delete cascade,
    storm_id uuid                     not null references ideas_storm (id) on delete cascade,
    joined_at timestamp with time zone not null default now()
);
create index ideas_storm_idea_storm_idx on ideas_storm_idea (storm_id);

-- Badges are computed from activity; the "helpful commenter" rule looks up comments by their author.
create index ideas_comment_author_idx on ideas_comment (author_id);
