-- Spring Modulith's event publication registry: the transactional outbox for module events (schema v2 of
-- spring-modulith-events-jdbc, created here so that Flyway owns every table).
create table event_publication
(
    id                     uuid                     not null primary key,
    listener_id            text                     not null,
    event_type             text                     not null,
    serialized_event       text                     not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);

-- Every e-mail the application sends, kept whether or not an SMTP server is configured.
create table system_mail
(
    id           uuid primary key         default gen_random_uuid(),
    recipient    text                     not null,
    subject      text                     not null,
    body         text                     not null,
    status       text                     not null check (status in ('PENDING', 'SENT', 'FAILED', 'HELD')),
    attempts     int                      not null default 0,
    last_error      text,
    created_at      timestamp with time zone not null default now(),
    next_attempt_at timestamp with time zone not null default now(),
    sent_at         timestamp with time zone
);
create index system_mail_created_idx on system_mail (created_at desc);
create index system_mail_due_idx on system_mail (next_attempt_at) where status = 'PENDING';

-- Installation secrets generated on first start when configuration does not give them (shared by all nodes).
create table system_secret
(
    name       text primary key,
    value      text                     not null,
    created_at timestamp with time zone not null default now()
);

-- Spring Security's persistent remember-me tokens (table name and columns fixed by JdbcTokenRepositoryImpl).
create table persistent_logins
(
    username  varchar(320) not null,
    series    varchar(64) primary key,
    token     varchar(64)  not null,
    last_used timestamp    not null
);
