-- Comment counts per section, kept by the database as comments come and go, so the plan page's
-- table of contents reads a few dozen rows instead of counting every comment of the plan.

create table section_comment_counts (
	plan_id integer not null references plans (id) on delete cascade,
	version_id integer not null references plan_versions (id) on delete cascade,
	section_key text not null,
	comments integer not null default 0,
	primary key (plan_id, version_id, section_key)
);

insert into section_comment_counts (plan_id, version_id, section_key, comments)
select plan_id, version_id, section_key, count(*)::int from comments where status <> 'deleted'
group by plan_id, version_id, section_key;

create function count_section_comments() returns trigger
language plpgsql
as $$
declare
	delta integer := 0;
	target comments;
begin
	if tg_op = 'INSERT' then
		target := new;
		if new.status <> 'deleted' then delta := 1; end if;
	elsif tg_op = 'DELETE' then
		target := old;
		if old.status <> 'deleted' then delta := -1; end if;
	else
		target := new;
		if old.status <> 'deleted' and new.status = 'deleted' then delta := -1;
		elsif old.status = 'deleted' and new.status <> 'deleted' then delta := 1;
		end if;
	end if;
	if delta <> 0 then
		insert into section_comment_counts (plan_id, version_id, section_key, comments)
		values (target.plan_id, target.version_id, target.section_key, delta)
		on conflict (plan_id, version_id, section_key)
		do update set comments = section_comment_counts.comments + excluded.comments;
	end if;
	return null;
end
$$;

create trigger comments_count_sections
after insert or delete or update of status on comments
for each row execute function count_section_comments();
