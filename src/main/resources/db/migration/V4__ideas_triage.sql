-- Names of statuses: a built-in stage renamed per language (builtin, one row per stage at most), or an admin's own
-- status mapped to a stage. An empty name falls back to the message bundle (built-in) or to English (own status).
create table ideas_status_label
(
    id                uuid primary key         default gen_random_uuid(),
    stage             text                     not null,
    builtin           boolean                  not null default false,
    name_en           text                     not null default '',
    name_de           text                     not null default '',
    needs_explanation boolean                  not null default false,
    created_at        timestamp with time zone not null default now()
);
create unique index ideas_status_label_builtin_idx on ideas_status_label (stage) where builtin;
create unique index ideas_status_label_name_idx on ideas_status_label (lower(name_en)) where not builtin;

-- Triage: who acknowledged a new idea and when, the team it is assigned to (identity_team, another module: no
-- foreign key), and the admin's own status label the idea carries within its stage.
alter table ideas_idea
    add column acknowledged_at timestamp with time zone,
    add column acknowledged_by uuid,
    add column team_id         uuid,
    add column status_label_id uuid references ideas_status_label (id) on delete set null;
create index ideas_idea_triage_idx on ideas_idea (created_at) where acknowledged_at is null;
create index ideas_idea_status_changed_idx on ideas_idea (status_changed_at) where status not in
    ('IMPLEMENTED', 'PARTIALLY_IMPLEMENTED', 'NOT_PLANNED', 'DUPLICATE', 'ARCHIVED');

-- The label of each history entry, and for automatic archiving the months without an update, so that the public
-- notice is written in the reader's language.
alter table ideas_status_change
    add column to_label_id  uuid references ideas_status_label (id) on delete set null,
    add column stale_months int;

-- Staff's internal notes on an idea: never public.
create table ideas_note
(
    id            uuid primary key         default gen_random_uuid(),
    idea_id       uuid                     not null references ideas_idea (id) on delete cascade,
    author_id     uuid                     not null,
    body_markdown text                     not null,
    body_html     text                     not null,
    created_at    timestamp with time zone not null default now()
);
create index ideas_note_idea_idx on ideas_note (idea_id, created_at);

-- Ideas answered before triage existed count as acknowledged by whoever answered first.
update ideas_idea i
set acknowledged_at = s.changed_at, acknowledged_by = s.changed_by
from (select distinct on (idea_id) idea_id, changed_at, changed_by from ideas_status_change
      order by idea_id, changed_at, id) s
where s.idea_id = i.id;
