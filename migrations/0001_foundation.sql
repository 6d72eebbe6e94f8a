-- Foundation: accounts, sessions, rate limits, audit log, plans with versions and sections, themes.
-- Trigram search needs a UTF-8 ctype (C.UTF-8 or a locale) or it extracts nothing from Hangul.
create extension if not exists pg_trgm;

create table users (
	id integer generated always as identity primary key,
	email text not null,
	password_hash text not null,
	display_name text not null,
	organisation text not null default '',
	stakeholder_group text not null,
	roles text[] not null default '{}',
	created_at timestamptz not null default now(),
	password_changed_at timestamptz,
	constraint users_stakeholder_group_check check (stakeholder_group in
		('government', 'social_economy_enterprise', 'cooperative', 'civil_society', 'intermediary', 'research', 'citizen')),
	constraint users_roles_check check (roles <@ array['researcher', 'official', 'moderator', 'admin']::text[])
);
create unique index users_email_key on users (lower(email));

create table sessions (
	id text primary key,
	secret_hash bytea not null,
	user_id integer not null references users (id) on delete cascade,
	created_at timestamptz not null default now(),
	last_verified_at timestamptz not null default now()
);
create index sessions_user_id_idx on sessions (user_id);

-- Shared by every app instance, so a limit holds across a load balancer.
create table rate_limits (
	key text primary key,
	points integer not null,
	expire timestamptz
);

create table audit_log (
	id bigint generated always as identity primary key,
	actor_id integer references users (id) on delete set null,
	action text not null,
	target_type text not null,
	target_id text not null,
	detail jsonb not null default '{}',
	created_at timestamptz not null default now()
);
create index audit_log_created_at_idx on audit_log (created_at desc);

create table plans (
	id integer generated always as identity primary key,
	slug text not null unique,
	title text not null,
	summary text not null default '',
	organisation text not null default '',
	created_by integer references users (id) on delete set null,
	created_at timestamptz not null default now(),
	constraint plans_slug_check check (slug ~ '^[a-z0-9][a-z0-9-]{1,79}$')
);

create table plan_versions (
	id integer generated always as identity primary key,
	plan_id integer not null references plans (id) on delete cascade,
	number integer not null,
	title text not null,
	change_summary text not null default '',
	status text not null default 'draft',
	created_by integer references users (id) on delete set null,
	created_at timestamptz not null default now(),
	published_at timestamptz,
	published_by integer references users (id) on delete set null,
	comments_open_at timestamptz,
	comments_close_at timestamptz,
	constraint plan_versions_number_key unique (plan_id, number),
	constraint plan_versions_status_check check (status in ('draft', 'published', 'superseded')),
	constraint plan_versions_published_check check (status = 'draft' or published_at is not null),
	constraint plan_versions_period_check check (comments_open_at is null or comments_close_at is null or comments_open_at < comments_close_at)
);
-- Exactly one current published version and at most one draft per plan, whatever the application does.
create unique index plan_versions_one_current on plan_versions (plan_id) where status = 'published';
create unique index plan_versions_one_draft on plan_versions (plan_id) where status = 'draft';

create table plan_sections (
	id integer generated always as identity primary key,
	version_id integer not null references plan_versions (id) on delete cascade,
	key text not null,
	heading text not null,
	body text not null default '',
	position integer not null,
	parent_key text,
	constraint plan_sections_key_key unique (version_id, key),
	constraint plan_sections_key_check check (key ~ '^[a-z0-9][a-z0-9-]{0,79}$')
);
create index plan_sections_body_trgm on plan_sections using gin (body gin_trgm_ops);

create table themes (
	id integer generated always as identity primary key,
	slug text not null unique,
	label_ko text not null,
	label_en text not null,
	description text not null default '',
	color text not null default '#64748b',
	keywords text[] not null default '{}',
	position integer not null default 0,
	archived_at timestamptz,
	merged_into_id integer references themes (id) on delete set null,
	created_at timestamptz not null default now(),
	constraint themes_slug_check check (slug ~ '^[a-z0-9][a-z0-9-]{0,59}$'),
	constraint themes_color_check check (color ~ '^#[0-9a-f]{6}$')
);
