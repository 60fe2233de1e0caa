-- What the public blog pages need beyond V11: a content version for their cache and the search configurations.

-- A number that changes with every commit that may change a public blog page: any change to a post, its tags, its
-- comments or a category, by any writer (editor, scheduler, moderation, plain SQL). Rendered pages, feeds and the
-- sitemap are reused while it stays the same; changed_at is their Last-Modified.
create table blog_content_version
(
    id         boolean primary key      default true check (id),
    version    bigint                   not null,
    changed_at timestamp with time zone not null default clock_timestamp()
);
insert into blog_content_version (version) values (0);

create function blog_content_changed() returns trigger
    language plpgsql as
$$
begin
    update blog_content_version set version = version + 1, changed_at = clock_timestamp();
    return null;
end
$$;

-- Deferred to the commit, so the row lock on the version is taken last and held only briefly (as in V10).
create constraint trigger blog_post_content_changed
    after insert or update or delete on blog_post
    deferrable initially deferred
    for each row execute function blog_content_changed();

create constraint trigger blog_post_tag_content_changed
    after insert or update or delete on blog_post_tag
    deferrable initially deferred
    for each row execute function blog_content_changed();

create constraint trigger blog_comment_content_changed
    after insert or update or delete on blog_comment
    deferrable initially deferred
    for each row execute function blog_content_changed();

create constraint trigger blog_category_content_changed
    after insert or update or delete on blog_category
    deferrable initially deferred
    for each row execute function blog_content_changed();

-- The text search configuration of a post's language, the same mapping as blog_post.search, so that a query is
-- stemmed like the posts it is matched against.
create function blog_search_config(language text) returns regconfig
    language sql
    immutable
    parallel safe as
$$
select case language
           when 'de' then 'german'::regconfig
           when 'en' then 'english'::regconfig
           when 'es' then 'spanish'::regconfig
           when 'fr' then 'french'::regconfig
           when 'it' then 'italian'::regconfig
           when 'nl' then 'dutch'::regconfig
           when 'no' then 'norwegian'::regconfig
           when 'pt' then 'portuguese'::regconfig
           else 'simple'::regconfig end
$$;

-- Stories: an original and its translations.
create index blog_post_story_idx on blog_post (coalesce(translation_of, id));
