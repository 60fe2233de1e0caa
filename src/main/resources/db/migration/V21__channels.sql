-- Connectors of the channels module: what each one hears, where it stopped (the cursor) and how it fares.
create table channels_connector (
    id uuid primary key,
    kind text not null,
    name text not null,
    -- Plain settings (addresses, intervals, filters) as JSON; secrets only in credentials, AES-GCM encrypted.
    settings jsonb not null default '{}',
    credentials bytea,
    enabled boolean not null default true,
    cursor text,
    last_success_at timestamptz,
    last_error_key text,
    last_error_detail text,
    last_error_at timestamptz,
    consecutive_failures integer not null default 0,
    next_attempt_at timestamptz,
    created_at timestamptz not null default now()
);

create unique index channels_connector_name on channels_connector (lower(name));

-- Every post a connector heard, once: a repeated delivery meets the unique key and raises nothing.
create table channels_post (
    id uuid primary key,
    connector_id uuid not null references channels_connector (id),
    external_id text not null,
    in_reply_to text,
    author_handle text not null,
    author_name text not null,
    text text not null,
    url text,
    language text,
    label text,
    from_company boolean not null default false,
    posted_at timestamptz not null,
    captured_at timestamptz not null,
    payload bytea not null,
    payload_type text not null,
    deleted_at timestamptz,
    unique (connector_id, external_id)
);

-- Replies the inbox asked for and what became of them; the reply id makes a redelivered request a no-op.
create table channels_reply (
    id uuid primary key,
    connector_id uuid not null,
    in_reply_to text not null,
    text text not null,
    status text not null,
    external_id text,
    url text,
    reason_key text,
    payload bytea,
    decided_at timestamptz not null default now()
);
