-- The evidence archive. The WARC files under the archive directory hold the captured bytes; these tables say where
-- each record lies, which source item and version it is, and where it sits in the hash chain.

-- Every WARC record the archive wrote, in chain order: captured items and notices such as "deleted at source".
create table archive_entry
(
    position      bigint primary key,
    warc_record_id uuid                     not null unique,
    type          text                     not null check (type in ('ITEM', 'DELETED_AT_SOURCE')),
    warc_file     text                     not null,
    warc_offset   bigint                   not null,
    warc_length   bigint                   not null,
    record_digest text                     not null,
    link          text                     not null,
    written_at    timestamp with time zone not null default now()
);

-- One version of one captured item: the source id names the item on its platform, the version counts edits.
create table archive_item
(
    id                uuid primary key references archive_entry (warc_record_id),
    position          bigint                   not null unique references archive_entry (position),
    platform          text                     not null,
    source_id         text                     not null,
    version           int                      not null,
    account           text                     not null,
    author            text                     not null,
    kind              text                     not null check (kind in ('OWN_POST', 'INBOUND_MENTION', 'COMMENT', 'REPLY')),
    language          text                     not null,
    said_at           timestamp with time zone not null,
    url               text,
    content_type      text                     not null,
    text              text                     not null,
    payload_digest    text                     not null,
    payload_length    bigint                   not null,
    collected_by      text                     not null,
    collected_from    text                     not null,
    collected_at      timestamp with time zone not null,
    method            text                     not null,
    deleted_at_source timestamp with time zone,
    -- Erased on request (data protection): the content left the WARC file for a signed tombstone.
    erased_at         timestamp with time zone,
    erasure_reason    text,
    erased_by         text,
    unique (platform, source_id, version)
);
create index archive_item_source_idx on archive_item (platform, source_id, payload_digest);

-- Signed statements "the chain up to this position ends in this link".
create table archive_checkpoint
(
    position       bigint primary key,
    link           text                     not null,
    signed_at      timestamp with time zone not null,
    signature      text                     not null,
    key_fingerprint text                    not null
);

-- The installation's Ed25519 key pair, generated once (PKCS#8 and X.509, base64).
create table archive_signing_key
(
    id          smallint primary key check (id = 1),
    private_key text                     not null,
    public_key  text                     not null,
    created_at  timestamp with time zone not null default now()
);

create table archive_verification
(
    id          bigserial primary key,
    finished_at timestamp with time zone not null default now(),
    ok          boolean                  not null,
    records     bigint                   not null,
    report      text                     not null
);

-- Archivists search and prove; they need no other staff right.
alter table identity_account_role drop constraint identity_account_role_role_check;
alter table identity_account_role
    add constraint identity_account_role_role_check check (role in ('ADMIN', 'STAFF', 'CUSTOMER', 'ARCHIVIST'));

-- A case gathers hand-picked records for one matter (a complaint, a dispute, a request from a court), so that they
-- can be proven together in one evidence package.
create table archive_case
(
    id         uuid primary key         default gen_random_uuid(),
    name       text                     not null,
    created_by uuid                     not null,
    created_at timestamp with time zone not null default now()
);
create unique index archive_case_name_idx on archive_case (lower(name));

create table archive_case_record
(
    case_id  uuid                     not null references archive_case (id) on delete cascade,
    item_id  uuid                     not null references archive_item (id),
    added_by uuid                     not null,
    added_at timestamp with time zone not null default now(),
    primary key (case_id, item_id)
);
