-- A number that changes with every commit that may change which ideas a list shows or how many: inserted or deleted
-- ideas, any change to an idea other than a vote, any change to a board. Cached list totals
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

-- A vote always changes hot and nothing else that lists filter on; every other change (status, board, text, columns
-- added later) leaves hot alone. Cheaper than comparing whole rows on each vote.
create constraint trigger ideas_idea_list_updated
    after update on ideas_idea
    deferrable initially deferred
    for each row
    when (old.hot = new.hot or old.status is distinct from new.status or old.category_id <> new.category_id)
    execute function ideas_list_changed();

create constraint trigger ideas_category_list_changed
    after insert or update or delete on ideas_category
    deferrable initially deferred
    for each row execute function ideas_list_changed();
