-- Boards of the ideas portal, one per product area.
create table ideas_category
(
    id           uuid primary key         default gen_random_uuid(),
    slug         text                     not null unique,
    name         text                     not null,
    description  text                     not null default '',
    up_votes_only boolean                 not null default false,
    position     int                      not null default 0,
    created_at   timestamp with time zone not null default now()
);

create table ideas_idea
(
    id              uuid primary key         default gen_random_uuid(),
    number          bigint generated always as identity unique,
    title           text                     not null,
    body_markdown   text                     not null,
    body_html       text                     not null,
    category_id     uuid                     not null references ideas_category (id),
    author_id       uuid                     not null,
    status          text                     not null default 'NEW',
    promotes        int                      not null default 0,
    demotes         int                      not null default 0,
    -- Sum of every vote (and the submission itself) weighted by 2^((cast - epoch) / half-life): ordering by it is
    -- ordering by the decayed score, and each vote changes it in O(1). See HotScore.
    hot             double precision         not null default 0,
    created_at      timestamp with time zone not null default now(),
    status_changed_at timestamp with time zone not null default now(),
    implemented_at  timestamp with time zone,
    search          tsvector generated always as (
        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('german', title), 'A') ||
        setweight(to_tsvector('english', body_markdown), 'B') || setweight(to_tsvector('german', body_markdown), 'B')
        ) stored
);
create index ideas_idea_hot_idx on ideas_idea (hot desc, id);
create index ideas_idea_top_idx on ideas_idea ((promotes - demotes) desc, id);
create index ideas_idea_new_idx on ideas_idea (created_at desc, id);
create index ideas_idea_implemented_idx on ideas_idea (implemented_at desc) where implemented_at is not null;
create index ideas_idea_category_idx on ideas_idea (category_id);
create index ideas_idea_author_idx on ideas_idea (author_id);
create index ideas_idea_search_idx on ideas_idea using gin (search);

-- One vote per account and idea: +1 promotes, -1 demotes. A changed vote replaces the row.
create table ideas_vote
(
    idea_id    uuid                     not null references ideas_idea (id) on delete cascade,
    account_id uuid                     not null,
    value      smallint                 not null check (value in (-1, 1)),
    cast_at    timestamp with time zone not null default now(),
    primary key (idea_id, account_id)
);
create index ideas_vote_account_idx on ideas_vote (account_id);

-- The public status history: every change with its explanation and who made it.
create table ideas_status_change
(
    id          uuid primary key         default gen_random_uuid(),
    idea_id     uuid                     not null references ideas_idea (id) on delete cascade,
    from_status text                     not null,
    to_status   text                     not null,
    explanation text                     not null default '',
    changed_by  uuid                     not null,
    changed_at  timestamp with time zone not null default now()
);
create index ideas_status_change_idea_idx on ideas_status_change (idea_id, changed_at);

create table ideas_comment
(
    id            uuid primary key         default gen_random_uuid(),
    idea_id       uuid                     not null references ideas_idea (id) on delete cascade,
    author_id     uuid                     not null,
    body_markdown text                     not null,
    body_html     text                     not null,
    staff         boolean                  not null default false,
    created_at    timestamp with time zone not null default now()
);
create index ideas_comment_idea_idx on ideas_comment (idea_id, created_at);
