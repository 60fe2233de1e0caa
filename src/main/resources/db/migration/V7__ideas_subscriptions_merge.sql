-- What an account chose for one idea: subscribed = true after pressing "subscribe", false after opting out (which
-- wins over following as author, voter or commenter). No row: follows if a participant.
create table ideas_subscription
(
    idea_id    uuid                     not null references ideas_idea (id) on delete cascade,
    account_id uuid                     not null,
    subscribed boolean                  not null,
    changed_at timestamp with time zone not null default now(),
    primary key (idea_id, account_id)
);
create index ideas_subscription_account_idx on ideas_subscription (account_id);

-- Per-account mail settings for the ideas portal; an account without a row gets the defaults (everything on).
create table ideas_notification_setting
(
    account_id           uuid primary key,
    status_mails         boolean                  not null default true,
    answer_mails         boolean                  not null default true,
    follow_participation boolean                  not null default true,
    changed_at           timestamp with time zone not null default now()
);

-- Duplicates merged into a surviving idea: one row per merged idea, which never takes votes again.
create table ideas_merge
(
    merged_id      uuid primary key references ideas_idea (id) on delete cascade,
    survivor_id    uuid                     not null references ideas_idea (id) on delete cascade,
    moved_votes    int                      not null,
    moved_comments int                      not null,
    merged_by      uuid                     not null,
    merged_at      timestamp with time zone not null default now(),
    check (merged_id <> survivor_id)
);
create index ideas_merge_survivor_idx on ideas_merge (survivor_id, merged_at);

-- Extra mail headers (e.g. List-Unsubscribe), one "Name: value" a line.
alter table system_mail add column headers text not null default '';
