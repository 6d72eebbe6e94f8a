-- The section page counted its comments on every drawing (count(*) over the section, a scan of
-- comments once a section holds thousands). The counts per section now also keep every comment
-- whatever its status (`threads_total`, what a section's heading counts) and the top-level ones
-- among them (`top_level`, which decide the number of pages).

alter table section_comment_counts
	add column threads_total integer not null default 0,
	add column top_level integer not null default 0;

update section_comment_counts s set threads_total = c.total, top_level = c.top_level
from (
	select plan_id, version_id, section_key, count(*)::int as total, (count(*) filter (where parent_id is null))::int as top_level
	from comments group by plan_id, version_id, section_key
) c
where s.plan_id = c.plan_id and s.version_id = c.version_id and s.section_key = c.section_key;

insert into section_comment_counts (plan_id, version_id, section_key, comments, visible, threads_total, top_level)
select plan_id, version_id, section_key, 0, 0, count(*)::int, (count(*) filter (where parent_id is null))::int
from comments
group by plan_id, version_id, section_key
on conflict (plan_id, version_id, section_key) do nothing;

drop trigger comments_count_sections on comments;
drop function count_section_comments();
drop function add_section_count(integer, integer, text, integer, integer);

create function add_section_count(plan integer, version integer, key text, shown integer, analysed integer, counted integer, top integer)
returns void
language sql
as $$
	insert into section_comment_counts (plan_id, version_id, section_key, comments, visible, threads_total, top_level)
	values (plan, version, key, shown, analysed, counted, top)
	on conflict (plan_id, version_id, section_key)
	do update set comments = section_comment_counts.comments + excluded.comments,
		visible = section_comment_counts.visible + excluded.visible,
		threads_total = section_comment_counts.threads_total + excluded.threads_total,
		top_level = section_comment_counts.top_level + excluded.top_level
$$;

create function count_section_comments() returns trigger
language plpgsql
as $$
begin
	if tg_op = 'UPDATE' and old.status = new.status and old.plan_id = new.plan_id
		and old.version_id = new.version_id and old.section_key = new.section_key then
		return null;
	end if;
	if tg_op in ('UPDATE', 'DELETE') then
		perform add_section_count(old.plan_id, old.version_id, old.section_key,
			-(old.status <> 'deleted')::int, -(old.status = 'visible')::int, -1, -(old.parent_id is null)::int);
	end if;
	if tg_op in ('UPDATE', 'INSERT') then
		perform add_section_count(new.plan_id, new.version_id, new.section_key,
			(new.status <> 'deleted')::int, (new.status = 'visible')::int, 1, (new.parent_id is null)::int);
	end if;
	return null;
end
$$;

create trigger comments_count_sections
after insert or delete or update of status, plan_id, version_id, section_key on comments
for each row execute function count_section_comments();
