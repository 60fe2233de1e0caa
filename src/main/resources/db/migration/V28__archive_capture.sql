-- Every capture maintains each index of archive_item, and this one served no query: the look-up of held items and the
-- list of versions go by (platform, source_id), which the unique (platform, source_id, version) index already serves
-- (as it does the skip scan for the platform list); nothing searches by payload digest.
drop index archive_item_source_idx;

-- A batch copies its item rows in while its WARC records are still being built, and its entry rows after them: the
-- items' references to their entries are checked at commit, when both are in.
alter table archive_item alter constraint archive_item_id_fkey deferrable initially deferred;
alter table archive_item alter constraint archive_item_position_fkey deferrable initially deferred;
