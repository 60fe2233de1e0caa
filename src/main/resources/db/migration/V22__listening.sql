-- The listening inbox: conversations threaded from the posts the channels module hears, routed to teams and answered.

create table listening_customer
(
    id            uuid primary key                  default gen_random_uuid(),
    channel       text                     not null,
    handle        text                     not null,
    name          text                     not null default '',
    first_seen_at timestamp with time zone not null default now(),
    unique (channel, handle)
);
-- The customer's history across channels goes by handle, whatever the channel.
create index listening_customer_handle_idx on listening_customer (lower(handle));

create table listening_conversation
(
    id              uuid primary key                  default gen_random_uuid(),
    connector_id    uuid                     not null,
    channel         text                     not null,
    customer_id     uuid                     not null references listening_customer (id),
    subject         text                     not null,
    status          text                     not null default 'OPEN' check (status in ('OPEN', 'PENDING', 'RESOLVED')),
    team_id         uuid,
    assignee_id     uuid,
    language        text                     not null,
    sentiment       text                     not null check (sentiment in ('POSITIVE', 'NEUTRAL', 'NEGATIVE', 'UNCLEAR')),
    sentiment_reviewed boolean               not null default false,
    topics          text[]                   not null default '{}',
    intents         text[]                   not null default '{}',
    search_text     text                     not null default '',
    search          tsvector generated always as (to_tsvector('simple', search_text)) stored,
    created_at      timestamp with time zone not null default now(),
    last_message_at timestamp with time zone not null,
    -- Response targets: when we must answer first, answer again, and resolve, in the team's business time.
    first_responded_at timestamp with time zone,
    first_response_due timestamp with time zone,
    next_response_due  timestamp with time zone,
    resolution_due     timestamp with time zone,
    sla_state          text                     not null default 'OK' check (sla_state in ('OK', 'WARNING', 'BREACHED'))
);
-- The inbox lists newest activity first and pages by (last_message_at, id): one index per common view, so that a
-- page is an index range scan whatever the table's size.
create index listening_conversation_status_idx on listening_conversation (status, last_message_at desc, id desc);
create index listening_conversation_team_idx on listening_conversation (team_id, status, last_message_at desc, id desc);
create index listening_conversation_assignee_idx on listening_conversation (assignee_id, status, last_message_at desc, id desc);
create index listening_conversation_all_idx on listening_conversation (last_message_at desc, id desc);
create index listening_conversation_customer_idx on listening_conversation (customer_id, last_message_at desc);
create index listening_conversation_topics_idx on listening_conversation using gin (topics);
create index listening_conversation_search_idx on listening_conversation using gin (search);
create index listening_conversation_due_idx on listening_conversation
    (least(first_response_due, next_response_due, resolution_due)) where status <> 'RESOLVED';
create index listening_conversation_review_idx on listening_conversation (last_message_at) where sentiment = 'UNCLEAR' and not sentiment_reviewed;

create table listening_message
(
    id                     uuid primary key                  default gen_random_uuid(),
    conversation_id        uuid                     not null references listening_conversation (id),
    post_id                uuid unique,
    connector_id           uuid                     not null,
    external_id            text,
    in_reply_to_external_id text,
    kind                   text                     not null check (kind in ('INBOUND', 'COMPANY', 'REPLY')),
    author_handle          text                     not null,
    author_name            text                     not null default '',
    staff_id               uuid,
    text                   text                     not null,
    url                    text,
    state                  text                     not null default 'RECEIVED' check (state in ('RECEIVED', 'REQUESTED', 'SENT', 'FAILED')),
    failure_key            text,
    posted_at              timestamp with time zone not null,
    created_at             timestamp with time zone not null default now()
);
create index listening_message_conversation_idx on listening_message (conversation_id, posted_at, id);
create index listening_message_external_idx on listening_message (connector_id, external_id);
create index listening_message_parent_idx on listening_message (connector_id, in_reply_to_external_id);

create table listening_note
(
    id              uuid primary key                  default gen_random_uuid(),
    conversation_id uuid                     not null references listening_conversation (id),
    author_id       uuid                     not null,
    body            text                     not null,
    body_html       text                     not null,
    created_at      timestamp with time zone not null default now()
);
create index listening_note_conversation_idx on listening_note (conversation_id, created_at);

-- Every routing, assignment and status change, as a message key with its arguments.
create table listening_history
(
    id              bigserial primary key,
    conversation_id uuid                     not null references listening_conversation (id),
    event_key       text                     not null,
    detail          text                     not null default '',
    actor_id        uuid,
    at              timestamp with time zone not null default now()
);
create index listening_history_conversation_idx on listening_history (conversation_id, id);

create table listening_routing_rule
(
    id         uuid primary key                  default gen_random_uuid(),
    position   integer                  not null,
    name       text                     not null,
    channel    text,
    language   text,
    topic      text,
    intent     text,
    sentiment  text,
    author     text,
    keywords   text,
    team_id    uuid                     not null,
    created_at timestamp with time zone not null default now()
);

create table listening_team_setting
(
    team_id       uuid primary key,
    assignment    text    not null default 'ROUND_ROBIN' check (assignment in ('ROUND_ROBIN', 'LEAST_LOADED')),
    is_default    boolean not null default false,
    last_assignee uuid
);
create unique index listening_team_setting_default_idx on listening_team_setting (is_default) where is_default;

create table listening_canned_reply
(
    id         uuid primary key                  default gen_random_uuid(),
    title      text                     not null,
    language   text                     not null,
    body       text                     not null,
    created_at timestamp with time zone not null default now()
);

-- Staff's corrections of sentiment the analysis could not tell, for the text module to learn from.
create table listening_sentiment_correction
(
    id              bigserial primary key,
    conversation_id uuid                     not null references listening_conversation (id),
    text            text                     not null,
    language        text                     not null,
    detected        text                     not null,
    corrected       text                     not null,
    staff_id        uuid                     not null,
    corrected_at    timestamp with time zone not null default now()
);

-- A team's response targets and business hours; a team without a row has no targets.
create table listening_sla
(
    team_id                uuid primary key,
    first_response_minutes integer not null check (first_response_minutes > 0),
    next_response_minutes  integer not null check (next_response_minutes > 0),
    resolution_minutes     integer not null check (resolution_minutes > 0),
    warn_minutes           integer not null check (warn_minutes >= 0),
    weekdays               text    not null,
    day_start              time    not null,
    day_end                time    not null check (day_end > day_start),
    zone                   text    not null,
    holidays               date[]  not null default '{}'
);

-- Warnings and breaches of response targets, for the in-app list (the team gets a mail as well).
create table listening_sla_alert
(
    id              bigserial primary key,
    conversation_id uuid                     not null references listening_conversation (id),
    team_id         uuid,
    kind            text                     not null check (kind in ('WARNING', 'BREACHED')),
    due             timestamp with time zone not null,
    at              timestamp with time zone not null default now()
);
create index listening_sla_alert_at_idx on listening_sla_alert (at desc);
