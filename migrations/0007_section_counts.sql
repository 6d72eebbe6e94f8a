-- Comment counts per section, kept by the database as comments come and go, so the plan page's
-- table of contents and the theme dashboard read a few dozen rows instead of counting every comment
-- of the plan. `comments` counts what a thread shows (all but deleted), `visible` what analysis
-- counts (neither hidden nor deleted).

create table section_comment_counts (
	plan_id integer not null references plans (id) on delete cascade,
	version_id integer not null references plan_versions (id) on delete cascade,
	section_key text not null,
	comments integer not null default 0,
	visible integer not null default 0,
	primary key (plan_id, version_id, section_key)
);

insert into section_comment_counts (plan_id, version_id, section_key, comments, visible)
select plan_id, version_id, section_key,
	count(*) filter (where status <> 'deleted')::int, count(*) filter (where status = 'visible')::int
from comments group by plan_id, version_id, section_key;

create function add_section_count(plan integer, version integer, key text, shown integer, analysed integer)
returns void
language sql
as $$
	insert into section_comment_counts (plan_id, version_id, section_key, comments, visible)
	values (plan, version, key, shown, analysed)
	on conflict (plan_id, version_id, section_key)
	do update set comments = section_comment_counts.comments + excluded.comments,
		visible = section_comment_counts.visible + excluded.visible
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
			-(old.status <> 'deleted')::int, -(old.status = 'visible')::int);
	end if;
	if tg_op in ('UPDATE', 'INSERT') then
		perform add_section_count(new.plan_id, new.version_id, new.section_key,
			(new.status <> 'deleted')::int, (new.status = 'visible')::int);
	end if;
	return null;
end
$$;

create trigger comments_count_sections
after insert or delete or update of status, plan_id, version_id, section_key on comments
for each row execute function count_section_comments();
