-- The layout of every blog page shows the banner of open incidents, so a cached blog page is outdated when an incident
-- opens, changes or is resolved: incidents move the blog's content version (V11_2) as posts and comments do.
create constraint trigger blog_incident_content_changed
    after insert or update or delete on blog_incident
    deferrable initially deferred
    for each row execute function blog_content_changed();

create constraint trigger blog_incident_text_content_changed
    after insert or update or delete on blog_incident_text
    deferrable initially deferred
    for each row execute function blog_content_changed();
