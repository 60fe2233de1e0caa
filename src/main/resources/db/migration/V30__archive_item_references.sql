-- Every commit of a batch checked each item's two references to its entry (its id and its position): a look-up and a
-- row lock in archive_entry per reference, a fifth of a batch's time in the database. Item and entry rows are written
-- together in one transaction by one writer (Archive), and the scheduled verification (Verifications) now checks that
-- every item row names the record the chain holds at its position, which ties id and position to the same entry, as
-- the two keys did not.
alter table archive_item drop constraint archive_item_id_fkey;
alter table archive_item drop constraint archive_item_position_fkey;
