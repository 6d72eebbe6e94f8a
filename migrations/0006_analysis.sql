-- Seeing the commentary whole: indexes for the theme dashboard, theme pages, search and exports, and
-- a revision number that tells app instances when a computed dashboard is out of date.

-- The dashboard counts every visible comment of a plan by section, version, session and author; this
-- narrow index answers that by an index-only scan instead of reading the wide rows (body, body_grams).
create index comments_analysis_idx on comments (plan_id)
	include (id, section_key, version_id, session_id, author_id, speaker_id)
	where status = 'visible';

-- Newest first within a plan: search and theme pages stop after one page of matches for common terms.
create index comments_plan_recent_idx on comments (plan_id, created_at desc, id desc)
	where status = 'visible';

-- One row. Raised in the same transaction as any change the dashboard counts (a tag added, removed or
-- moved, a comment hidden or deleted, a theme archived or merged, an author's group changed), so a
-- dashboard computed at revision N is still right while the revision is N. New comments do not raise
-- it: they are untagged, and the dashboard counts all comments separately on every request.
create table analysis_revision (
	id boolean primary key default true,
	revision bigint not null default 0,
	constraint analysis_revision_single check (id)
);
insert into analysis_revision (id, revision) values (true, 0);

create function bump_analysis_revision() returns trigger
language plpgsql
as $$
begin
	update analysis_revision set revision = revision + 1 where id;
	return null;
end
$$;

create trigger comment_tags_analysis after insert or update or delete or truncate on comment_tags
	for each statement execute function bump_analysis_revision();
create trigger comments_status_analysis after update of status on comments
	for each statement execute function bump_analysis_revision();
create trigger comments_delete_analysis after delete on comments
	for each statement execute function bump_analysis_revision();
create trigger themes_analysis after insert or update or delete on themes
	for each statement execute function bump_analysis_revision();
create trigger users_group_analysis after update of stakeholder_group or delete on users
	for each statement execute function bump_analysis_revision();
create trigger speakers_group_analysis after update of stakeholder_group or delete on speakers
	for each statement execute function bump_analysis_revision();
