-- A number that changes with every commit that may change which ideas a list shows or how many: inserted or deleted
-- ideas, any change to an idea other than its vote counts and hot score, any change to a board. Cached list totals
-- (IdeaCounts) are valid while it stays the same. Votes, by far the most frequent write, leave it alone.
create table ideas_list_version
(
    id      boolean primary key default true check (id),
    version bigint not null
);
insert into ideas_list_version (version) values (0);

create function ideas_list_changed() returns trigger
    language plpgsql as
$$
begin
    update ideas_list_version set version = version + 1;
    return null;
end
$$;

-- Deferred to the commit, so the row lock on the version is taken last and held only briefly: a transaction that
-- locks several ideas cannot deadlock with another one over it.
create constraint trigger ideas_idea_list_changed
    after insert or delete on ideas_idea
    deferrable initially deferred
    for each row execute function ideas_list_changed();

-- Compared as JSON without the columns a vote changes, so columns added later count as list-relevant by default.
create constraint trigger ideas_idea_list_updated
    after update on ideas_idea
    deferrable initially deferred
    for each row
    when ((to_jsonb(old) - array ['promotes', 'demotes', 'hot']) is distinct from
          (to_jsonb(new) - array ['promotes', 'demotes', 'hot']))
    execute function ideas_list_changed();

create constraint trigger ideas_category_list_changed
    after insert or update or delete on ideas_category
    deferrable initially deferred
    for each row execute function ideas_list_changed();
