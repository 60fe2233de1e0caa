-- Imports of the platforms' data downloads: one row per upload, its progress and what became of it.
create table channels_import
(
    id                uuid primary key,
    file_name         text                     not null,
    file_size         bigint                   not null,
    platform          text,
    account           text,
    state             text                     not null check (state in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    bytes_read        bigint                   not null default 0,
    bytes_total       bigint                   not null default 0,
    imported          int                      not null default 0,
    already_held      int                      not null default 0,
    new_versions      int                      not null default 0,
    rejected          int                      not null default 0,
    deleted_at_source int                      not null default 0,
    -- Why the import stopped as a whole: a message key and its arguments (separated by U+001F).
    failure_key       text,
    failure_arguments text,
    -- Counts per file of the upload, as JSON.
    files             text                     not null default '{}',
    started_by        text                     not null,
    created_at        timestamp with time zone not null default now(),
    started_at        timestamp with time zone,
    finished_at       timestamp with time zone,
    updated_at        timestamp with time zone not null default now()
);
create index channels_import_created_idx on channels_import (created_at desc);

-- The first rejections of an import with their reasons (the total is in channels_import.rejected).
create table channels_import_rejection
(
    import_id  uuid not null references channels_import (id) on delete cascade,
    seq        int  not null,
    location   text not null,
    reason_key text not null,
    arguments  text not null,
    primary key (import_id, seq)
);
