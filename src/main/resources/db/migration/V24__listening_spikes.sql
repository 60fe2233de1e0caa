-- Spikes and crisis mode: per-minute counts of new conversations per topic ('*' for all of them), the alerts raised
-- when a topic's volume or negativity leaves its own baseline, and topics switched into crisis mode.

create table listening_topic_minute
(
    topic    text                     not null,
    minute   timestamp with time zone not null,
    volume   integer                  not null default 0,
    negative integer                  not null default 0,
    primary key (topic, minute)
);
-- The current window of all topics is one range over recent minutes.
create index listening_topic_minute_minute_idx on listening_topic_minute (minute);

create table listening_spike_alert
(
    id              uuid primary key                  default gen_random_uuid(),
    topic           text                     not null,
    kind            text                     not null check (kind in ('VOLUME', 'NEGATIVE')),
    volume          integer                  not null,
    negative        integer                  not null,
    baseline_mean   double precision         not null,
    baseline_sd     double precision         not null,
    window_minutes  integer                  not null,
    raised_at       timestamp with time zone not null default now(),
    calmed_at       timestamp with time zone,
    acknowledged_by uuid,
    acknowledged_at timestamp with time zone
);
-- One open alert per topic: a topic is raised again only after it has calmed.
create unique index listening_spike_alert_open_idx on listening_spike_alert (topic) where calmed_at is null;
create index listening_spike_alert_raised_idx on listening_spike_alert (raised_at desc);

create table listening_crisis
(
    id           uuid primary key                  default gen_random_uuid(),
    topic        text                     not null,
    statement_en text                     not null,
    statement_de text                     not null default '',
    incident_url text                     not null default '',
    started_by   uuid                     not null,
    started_at   timestamp with time zone not null default now(),
    ended_by     uuid,
    ended_at     timestamp with time zone
);
create unique index listening_crisis_active_idx on listening_crisis (topic) where ended_at is null;

-- Who did what in a crisis: started, answered conversations in bulk, ended.
create table listening_crisis_log
(
    id        bigserial primary key,
    crisis_id uuid                     not null references listening_crisis (id),
    event_key text                     not null,
    detail    text                     not null default '',
    actor_id  uuid                     not null,
    at        timestamp with time zone not null default now()
);
create index listening_crisis_log_crisis_idx on listening_crisis_log (crisis_id, id);
