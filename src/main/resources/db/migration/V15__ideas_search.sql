-- One search document per idea: the idea's own words and those of its visible comments, in a narrow table of its own.
-- A search then finds ideas with one condition on one table. For a common word PostgreSQL walks the ideas in "hot"
-- order and stops after a page of matches, instead of reading every matching idea and comment to sort them; for a rare
-- word it still reads the few matches through the GIN index. Kept current by the triggers below, whatever writes.
create aggregate ideas_tsvector_agg(tsvector) (
    sfunc = tsvector_concat,
    stype = tsvector,
    initcond = ''
    );

create table ideas_search
(
    idea_id uuid primary key references ideas_idea (id) on delete cascade,
    doc     tsvector not null
);
create index ideas_search_doc_idx on ideas_search using gin (doc);

create function ideas_search_refresh(ideas uuid[]) returns void
    language sql as
$$
update ideas_search s
set doc = d.doc
from (select i.id,
             i.search || coalesce((select ideas_tsvector_agg(k.search)
                                   from ideas_comment k
                                   where k.idea_id = i.id
                                     and k.moderation <> 'HIDDEN'), ''::tsvector) as doc
      from ideas_idea i
      where i.id = any (ideas)) d
where s.idea_id = d.id;
$$;

insert into ideas_search (idea_id, doc)
select id, search
from ideas_idea;
select ideas_search_refresh(array(select distinct idea_id from ideas_comment));

create function ideas_search_ideas_added() returns trigger
    language plpgsql as
$$
begin
    insert into ideas_search (idea_id, doc) select id, search from added;
    return null;
end
$$;

-- Per statement: a bulk load (COPY) refreshes each idea once, not once per row.
create trigger ideas_idea_search_added
    after insert on ideas_idea
    referencing new table as added
    for each statement execute function ideas_search_ideas_added();

create function ideas_search_idea_changed() returns trigger
    language plpgsql as
$$
begin
    perform ideas_search_refresh(array [new.id]);
    return null;
end
$$;

-- Per row, with a condition PostgreSQL checks without calling the function: votes update ideas many times a second
-- and must not pay for this.
create trigger ideas_idea_search_changed
    after update on ideas_idea
    for each row
    when (old.title is distinct from new.title or old.body_markdown is distinct from new.body_markdown)
    execute function ideas_search_idea_changed();

create function ideas_search_comments_added() returns trigger
    language plpgsql as
$$
begin
    perform ideas_search_refresh(array(select distinct idea_id from added));
    return null;
end
$$;

create trigger ideas_comment_search_added
    after insert on ideas_comment
    referencing new table as added
    for each statement execute function ideas_search_comments_added();

create function ideas_search_comments_changed() returns trigger
    language plpgsql as
$$
begin
    -- Edited, hidden or shown again, or moved to another idea by a merge: both ideas' documents change.
    perform ideas_search_refresh(array(select idea_id from before_rows union select idea_id from after_rows));
    return null;
end
$$;

create trigger ideas_comment_search_changed
    after update on ideas_comment
    referencing old table as before_rows new table as after_rows
    for each statement execute function ideas_search_comments_changed();

create function ideas_search_comments_removed() returns trigger
    language plpgsql as
$$
begin
    perform ideas_search_refresh(array(select distinct idea_id from removed));
    return null;
end
$$;

create trigger ideas_comment_search_removed
    after delete on ideas_comment
    referencing old table as removed
    for each statement execute function ideas_search_comments_removed();

-- What a search matches changes with comments now, so cached list totals (IdeaCounts) must be counted again.
create constraint trigger ideas_search_list_changed
    after update on ideas_search
    deferrable initially deferred
    for each row execute function ideas_list_changed();
