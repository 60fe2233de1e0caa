-- Comments: one level of replies, edits within a window, flags and staff moderation, full-text search.
-- moderation: NONE, FLAGGED (waits in the moderation queue), KEPT (staff looked and kept it), HIDDEN (placeholder).
alter table ideas_comment
    add column parent_id  uuid references ideas_comment (id) on delete cascade,
    add column edited_at  timestamp with time zone,
    add column moderation text not null default 'NONE'
        check (moderation in ('NONE', 'FLAGGED', 'KEPT', 'HIDDEN')),
    add column search     tsvector generated always as (
        to_tsvector('english', body_markdown) || to_tsvector('german', body_markdown)) stored;
-- Partial: hidden comments never match, and the search query repeats the condition so that the index applies.
create index ideas_comment_search_idx on ideas_comment using gin (search) where moderation <> 'HIDDEN';
create index ideas_comment_parent_idx on ideas_comment (parent_id) where parent_id is not null;
create index ideas_comment_flagged_idx on ideas_comment (created_at) where moderation = 'FLAGGED';

-- One flag per account and comment.
create table ideas_comment_flag
(
    comment_id uuid                     not null references ideas_comment (id) on delete cascade,
    account_id uuid                     not null,
    flagged_at timestamp with time zone not null default now(),
    primary key (comment_id, account_id)
);

-- A comment that staff promoted into the idea itself, shown above the comments with the extender's name.
create table ideas_extension
(
    comment_id  uuid primary key references ideas_comment (id) on delete cascade,
    idea_id     uuid                     not null references ideas_idea (id) on delete cascade,
    extended_by uuid                     not null,
    extended_at timestamp with time zone not null default now()
);
create index ideas_extension_idea_idx on ideas_extension (idea_id, extended_at);

-- Pre-moderated boards: their ideas wait as PENDING until staff approve (PUBLISHED) or decline (DECLINED).
alter table ideas_category
    add column pre_moderated boolean not null default false;
alter table ideas_idea
    add column moderation     text not null default 'PUBLISHED'
        check (moderation in ('PENDING', 'PUBLISHED', 'DECLINED')),
    add column decline_reason text not null default '';
create index ideas_idea_pending_idx on ideas_idea (created_at) where moderation = 'PENDING';

-- Accounts that may no longer submit, vote, comment or flag in the portal.
create table ideas_blocked_author
(
    account_id uuid primary key,
    blocked_by uuid                     not null,
    blocked_at timestamp with time zone not null default now()
);
