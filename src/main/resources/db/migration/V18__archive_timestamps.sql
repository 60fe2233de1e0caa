-- RFC 3161 time-stamps of signed checkpoints from the configured authority. Only the newest checkpoint is sent (it pins
-- every record before it); a row is PENDING while asked, FAILED (with the reason) until the next try, or STAMPED with
-- the token as the authority sent it (DER). The token is also written beside the WARC files for offline verification.
create table archive_timestamp
(
    position     bigint primary key references archive_checkpoint (position),
    authority    text                     not null,
    state        text                     not null check (state in ('PENDING', 'FAILED', 'STAMPED')),
    token        bytea,
    stamped_at   timestamp with time zone,
    reason       text,
    attempts     int                      not null default 0,
    updated_at   timestamp with time zone not null default now(),
    check ((state = 'STAMPED') = (token is not null and stamped_at is not null))
);
