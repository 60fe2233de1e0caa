-- Tags: one row per distinct (normalised) tag with its number of ideas, so that the popular tags are an index scan
-- and not a count over every idea.
create table ideas_tag
(
    id         uuid primary key         default gen_random_uuid(),
    name       text                     not null unique,
    uses       int                      not null default 0 check (uses >= 0),
    created_at timestamp with time zone not null default now()
);
create index ideas_tag_uses_idx on ideas_tag (uses desc, name) where uses > 0;

create table ideas_idea_tag
(
    idea_id uuid not null references ideas_idea (id) on delete cascade,
    tag_id  uuid not null references ideas_tag (id) on delete cascade,
    primary key (idea_id, tag_id)
);
-- The filter /ideas?tag=x goes from the tag to its ideas.
create index ideas_idea_tag_tag_idx on ideas_idea_tag (tag_id, idea_id);

-- ISO 639-1 code detected from title and description, 'unknown' when unsure; null until detected. Ideas from before
-- this migration are detected at startup (IdeaLanguages), since SQL cannot call the detector.
alter table ideas_idea add column language text;
create index ideas_idea_language_idx on ideas_idea (language);
