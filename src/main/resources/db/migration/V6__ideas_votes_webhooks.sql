-- Vote budgets: at most this many votes per person on the board's open ideas; null means no limit.
alter table ideas_category add column vote_budget int check (vote_budget between 1 and 1000);

-- Where a vote came from, for the suspicious-voting report: keyed hashes (HMAC with an installation secret) of the
-- network (IPv4 /24, IPv6 /48) and of the device fingerprint (User-Agent and Accept-Language), never the address.
alter table ideas_vote add column network_hash text;
alter table ideas_vote add column device_hash text;
create index ideas_vote_cast_idx on ideas_vote (cast_at);

-- Outgoing webhooks: endpoints that admins register, with the secret that signs each delivery.
create table ideas_webhook
(
    id         uuid primary key         default gen_random_uuid(),
    url        text                     not null,
    secret     text                     not null,
    events     text[]                   not null,
    created_at timestamp with time zone not null default now()
);

-- The webhook outbox: one row per event and endpoint, written in the transaction that published the event.
create table ideas_webhook_delivery
(
    id              uuid primary key         default gen_random_uuid(),
    webhook_id      uuid                     not null references ideas_webhook (id) on delete cascade,
    event           text                     not null,
    payload         text                     not null,
    status          text                     not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        int                      not null default 0,
    response_code   int,
    last_error      text,
    created_at      timestamp with time zone not null default now(),
    next_attempt_at timestamp with time zone not null default now(),
    delivered_at    timestamp with time zone
);
create index ideas_webhook_delivery_log_idx on ideas_webhook_delivery (webhook_id, created_at desc);
create index ideas_webhook_delivery_due_idx on ideas_webhook_delivery (next_attempt_at) where status = 'PENDING';
