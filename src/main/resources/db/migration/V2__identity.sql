create table identity_account
(
    id                uuid primary key         default gen_random_uuid(),
    email             text                     not null,
    display_name      text                     not null,
    password_hash     text                     not null,
    locale            text                     not null default 'en',
    email_verified_at timestamp with time zone,
    locked            boolean                  not null default false,
    failed_logins     int                      not null default 0,
    locked_until      timestamp with time zone,
    created_at        timestamp with time zone not null default now(),
    version           int                      not null default 0
);
create unique index identity_account_email_idx on identity_account (lower(email));

create table identity_account_role
(
    account_id uuid not null references identity_account (id) on delete cascade,
    role       text not null check (role in ('ADMIN', 'STAFF', 'CUSTOMER')),
    primary key (account_id, role)
);

create table identity_team
(
    id          uuid primary key         default gen_random_uuid(),
    name        text                     not null,
    description text                     not null default '',
    created_at  timestamp with time zone not null default now()
);
create unique index identity_team_name_idx on identity_team (lower(name));

create table identity_team_member
(
    team_id    uuid not null references identity_team (id) on delete cascade,
    account_id uuid not null references identity_account (id) on delete cascade,
    added_at   timestamp with time zone not null default now(),
    primary key (team_id, account_id)
);
create index identity_team_member_account_idx on identity_team_member (account_id);

-- API tokens: only the SHA-256 of the secret is stored; the secret is shown once when created.
create table identity_api_token
(
    id           uuid primary key         default gen_random_uuid(),
    account_id   uuid                     not null references identity_account (id) on delete cascade,
    name         text                     not null,
    token_hash   text                     not null unique,
    prefix       text                     not null,
    created_at   timestamp with time zone not null default now(),
    expires_at   timestamp with time zone,
    last_used_at timestamp with time zone,
    revoked_at   timestamp with time zone
);

-- One-time links sent by e-mail (confirm address, reset password); only the SHA-256 of the token is stored.
create table identity_one_time_token
(
    token_hash text primary key,
    account_id uuid                     not null references identity_account (id) on delete cascade,
    purpose    text                     not null check (purpose in ('CONFIRM_EMAIL', 'RESET_PASSWORD')),
    expires_at timestamp with time zone not null,
    used_at    timestamp with time zone
);
create index identity_one_time_token_account_idx on identity_one_time_token (account_id, purpose);
