-- Incidents: a product fault, outage or recall with its status and an append-only timeline of dated updates, each in
-- the blog's languages (the primary one always), and the people who follow its updates by e-mail.

create table blog_incident
(
    id          uuid primary key                  default gen_random_uuid(),
    number      bigint generated always as identity unique,
    kind        text                     not null check (kind in ('PRODUCT_FAULT', 'OUTAGE', 'RECALL')),
    -- The status of the newest update, kept here so that lists and the banner need no look into the timeline.
    status      text                     not null
        check (status in ('INVESTIGATING', 'IDENTIFIED', 'MONITORING', 'RESOLVED')),
    opened_at   timestamp with time zone not null default now(),
    opened_by   uuid                     not null,
    resolved_at timestamp with time zone,
    updated_at  timestamp with time zone not null default now(),
    check ((status = 'RESOLVED') = (resolved_at is not null))
);
-- The banner asks for the open incidents only.
create index blog_incident_open on blog_incident (opened_at) where status <> 'RESOLVED';

create table blog_incident_text
(
    incident_id uuid not null references blog_incident (id) on delete cascade,
    language    text not null,
    title       text not null check (title <> ''),
    summary     text not null check (summary <> ''),
    primary key (incident_id, language)
);

create table blog_incident_update
(
    id          uuid primary key                  default gen_random_uuid(),
    incident_id uuid                     not null references blog_incident (id),
    status      text                     not null
        check (status in ('INVESTIGATING', 'IDENTIFIED', 'MONITORING', 'RESOLVED')),
    posted_by   uuid                     not null,
    posted_at   timestamp with time zone not null default now(),
    notified    boolean                  not null default false
);
create index blog_incident_update_incident on blog_incident_update (incident_id, posted_at);

create table blog_incident_update_text
(
    update_id     uuid not null references blog_incident_update (id),
    language      text not null,
    body_markdown text not null check (body_markdown <> ''),
    body_html     text not null,
    primary key (update_id, language)
);

-- What was said during an incident stays as it was said: corrections are new updates, never edits.
create function blog_incident_timeline_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'the incident timeline is append-only: % on % refused', tg_op, tg_table_name
        using errcode = 'restrict_violation';
end;
$$;

create trigger blog_incident_update_append_only
    before update or delete
    on blog_incident_update
    for each row
execute function blog_incident_timeline_append_only();

create trigger blog_incident_update_truncate
    before truncate
    on blog_incident_update
    for each statement
execute function blog_incident_timeline_append_only();

create trigger blog_incident_update_text_append_only
    before update or delete
    on blog_incident_update_text
    for each row
execute function blog_incident_timeline_append_only();

create trigger blog_incident_update_text_truncate
    before truncate
    on blog_incident_update_text
    for each statement
execute function blog_incident_timeline_append_only();

-- Followers of an incident: accounts (confirmed at once) and guests (confirmed by the link in a mail). The language is
-- the one to write to them in.
create table blog_incident_subscription
(
    id           uuid primary key                  default gen_random_uuid(),
    incident_id  uuid                     not null references blog_incident (id) on delete cascade,
    email        text                     not null,
    account_id   uuid,
    language     text                     not null,
    confirmed_at timestamp with time zone,
    created_at   timestamp with time zone not null default now(),
    unique (incident_id, email)
);
