-- The conversation view's second half: ideas made from conversations, the satisfaction question, goodwill budgets.

-- At most one idea per conversation, so that a repeated "turn into an idea" finds the first one.
create table listening_idea_link
(
    conversation_id uuid primary key references listening_conversation (id),
    idea_number     bigint                   not null,
    staff_id        uuid                     not null,
    created_at      timestamp with time zone not null default now()
);
create index listening_idea_link_idea_idx on listening_idea_link (idea_number);

-- Teams whose resolved conversations ask the customer one question; a team without a row asks nothing.
create table listening_survey_team
(
    team_id uuid primary key
);

-- The question asked once per conversation; the answer (1 to 5) may be changed by answering again.
create table listening_satisfaction
(
    conversation_id uuid primary key references listening_conversation (id),
    asked_at        timestamp with time zone not null default now(),
    score           integer check (score between 1 and 5),
    answered_at     timestamp with time zone
);

-- Daily goodwill budgets; the nil UUID holds the default for staff without their own.
create table listening_goodwill_budget
(
    staff_id uuid primary key,
    currency text           not null check (currency ~ '^[A-Z]{3}$'),
    amount   numeric(12, 2) not null check (amount >= 0),
    vouchers integer        not null check (vouchers >= 0)
);

-- What a staff member has granted on a day (in the installation's time zone); grants add to it only while the
-- budget allows, in one conditional update, so that concurrent grants cannot overspend.
create table listening_goodwill_day
(
    staff_id uuid           not null,
    day      date           not null,
    amount   numeric(12, 2) not null default 0,
    vouchers integer        not null default 0,
    primary key (staff_id, day)
);

create table listening_goodwill_grant
(
    id              uuid primary key                  default gen_random_uuid(),
    staff_id        uuid                     not null,
    conversation_id uuid                     not null references listening_conversation (id),
    customer_id     uuid                     not null references listening_customer (id),
    currency        text,
    amount          numeric(12, 2) check (amount > 0),
    vouchers        integer check (vouchers > 0),
    reason          text                     not null,
    day             date                     not null,
    granted_at      timestamp with time zone not null default now(),
    check ((amount is null) <> (vouchers is null))
);
create index listening_goodwill_grant_at_idx on listening_goodwill_grant (granted_at desc, id);
create index listening_goodwill_grant_staff_idx on listening_goodwill_grant (staff_id, granted_at desc);
create index listening_goodwill_grant_conversation_idx on listening_goodwill_grant (conversation_id, granted_at);
