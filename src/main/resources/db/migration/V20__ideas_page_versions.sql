-- What an idea's public page shows changes with its row (text, status, votes), its comments, extensions, status
-- history, tags, storm and merges. Each such change stamps the idea with the id of the writing transaction, so that
-- a rendered page can be kept while the stamp is unchanged (IdeaPageVersions). Transaction ids, unlike a sequence,
-- let the reader learn every committed change without missing one that committed late: it asks for stamps at or
-- above the oldest transaction still running when it last asked.
alter table ideas_idea add column page_change bigint not null default 0;
alter table ideas_idea alter column page_change set default pg_current_xact_id()::text::bigint;
create index ideas_idea_page_change_idx on ideas_idea (page_change);

create function ideas_page_changed() returns trigger
    language plpgsql as
$$
begin
    new.page_change := pg_current_xact_id()::text::bigint;
    return new;
end
$$;

create trigger ideas_idea_page_changed
    before update on ideas_idea
    for each row execute function ideas_page_changed();

create function ideas_page_rows_added() returns trigger
    language plpgsql as
$$
begin
    update ideas_idea set page_change = pg_current_xact_id()::text::bigint
    where id in (select idea_id from added);
    return null;
end
$$;

create function ideas_page_rows_removed() returns trigger
    language plpgsql as
$$
begin
    update ideas_idea set page_change = pg_current_xact_id()::text::bigint
    where id in (select idea_id from removed);
    return null;
end
$$;

create function ideas_page_rows_updated() returns trigger
    language plpgsql as
$$
begin
    update ideas_idea set page_change = pg_current_xact_id()::text::bigint
    where id in (select idea_id from removed union select idea_id from added);
    return null;
end
$$;

create trigger ideas_comment_page_added after insert on ideas_comment
    referencing new table as added for each statement execute function ideas_page_rows_added();
create trigger ideas_comment_page_updated after update on ideas_comment
    referencing old table as removed new table as added for each statement execute function ideas_page_rows_updated();
create trigger ideas_comment_page_removed after delete on ideas_comment
    referencing old table as removed for each statement execute function ideas_page_rows_removed();

create trigger ideas_extension_page_added after insert on ideas_extension
    referencing new table as added for each statement execute function ideas_page_rows_added();
create trigger ideas_extension_page_updated after update on ideas_extension
    referencing old table as removed new table as added for each statement execute function ideas_page_rows_updated();
create trigger ideas_extension_page_removed after delete on ideas_extension
    referencing old table as removed for each statement execute function ideas_page_rows_removed();

create trigger ideas_status_change_page_added after insert on ideas_status_change
    referencing new table as added for each statement execute function ideas_page_rows_added();

create trigger ideas_idea_tag_page_added after insert on ideas_idea_tag
    referencing new table as added for each statement execute function ideas_page_rows_added();
create trigger ideas_idea_tag_page_removed after delete on ideas_idea_tag
    referencing old table as removed for each statement execute function ideas_page_rows_removed();

create trigger ideas_storm_idea_page_added after insert on ideas_storm_idea
    referencing new table as added for each statement execute function ideas_page_rows_added();
create trigger ideas_storm_idea_page_updated after update on ideas_storm_idea
    referencing old table as removed new table as added for each statement execute function ideas_page_rows_updated();
create trigger ideas_storm_idea_page_removed after delete on ideas_storm_idea
    referencing old table as removed for each statement execute function ideas_page_rows_removed();

-- A merge shows on the surviving idea ("merged from") and on the merged one (where it went).
create function ideas_page_merges_added() returns trigger
    language plpgsql as
$$
begin
    update ideas_idea set page_change = pg_current_xact_id()::text::bigint
    where id in (select survivor_id from added union select merged_id from added);
    return null;
end
$$;

create trigger ideas_merge_page_added after insert on ideas_merge
    referencing new table as added for each statement execute function ideas_page_merges_added();

-- Names that many pages show (boards, status labels, tags, storms) are rarely renamed: a rename moves one number for
-- all pages instead of stamping every idea.
create table ideas_page_epoch
(
    id      boolean primary key default true check (id),
    version bigint not null
);
insert into ideas_page_epoch (version) values (0);

create function ideas_page_epoch_changed() returns trigger
    language plpgsql as
$$
begin
    update ideas_page_epoch set version = version + 1;
    return null;
end
$$;

-- Deferred to the commit, as the list version (V10), so the one row is locked last and briefly.
create constraint trigger ideas_category_page_epoch after insert or update or delete on ideas_category
    deferrable initially deferred for each row execute function ideas_page_epoch_changed();
create constraint trigger ideas_status_label_page_epoch after insert or update or delete on ideas_status_label
    deferrable initially deferred for each row execute function ideas_page_epoch_changed();
-- A tag's use count moves with every tagged idea and is not shown on idea pages: only renames and removals count.
create constraint trigger ideas_tag_page_epoch after update of name or delete on ideas_tag
    deferrable initially deferred for each row execute function ideas_page_epoch_changed();
create constraint trigger ideas_storm_page_epoch after insert or update or delete on ideas_storm
    deferrable initially deferred for each row execute function ideas_page_epoch_changed();
