-- The staff side of the blog: who saved a post last (for the optimistic-lock conflict message), and the draft posts
-- prepared for implemented ideas, so that each idea gets one at most.
alter table blog_post add column updated_by uuid;

create table blog_idea_draft
(
    idea_id    uuid primary key,
    post_id    uuid references blog_post (id) on delete set null,
    created_at timestamp with time zone not null default now()
);
