-- Commentary: threaded comments on sections (typed online or imported from in-person sessions),
-- their edit history, endorsements and flags.

create table consultation_sessions (
	id integer generated always as identity primary key,
	plan_id integer not null references plans (id) on delete cascade,
	version_id integer references plan_versions (id) on delete set null,
	title text not null,
	kind text not null,
	held_on date not null,
	place text not null default '',
	attendees integer,
	notes text not null default '',
	created_by integer references users (id) on delete set null,
	created_at timestamptz not null default now(),
	constraint consultation_sessions_kind_check check (kind in ('interim_report', 'final_report', 'citizens_forum', 'workshop')),
	constraint consultation_sessions_attendees_check check (attendees is null or attendees >= 0)
);
create index consultation_sessions_plan_idx on consultation_sessions (plan_id, held_on);

-- People who spoke at a session; they have no account. The same name and affiliation is the same speaker.
create table speakers (
	id integer generated always as identity primary key,
	name text not null,
	affiliation text not null default '',
	stakeholder_group text,
	created_at timestamptz not null default now(),
	constraint speakers_identity_key unique (name, affiliation),
	constraint speakers_stakeholder_group_check check (stakeholder_group is null or stakeholder_group in
		('government', 'social_economy_enterprise', 'cooperative', 'civil_society', 'intermediary', 'research', 'citizen'))
);

-- Every character and every pair of characters of a text, for finding one- and two-syllable Hangul
-- terms, which give pg_trgm no trigram to index.
create function text_grams(content text) returns text[]
language sql immutable parallel safe
as $$
	select coalesce(array_agg(distinct gram), '{}')
	from (
		select substr(lower(content), i, 1) as gram from generate_series(1, char_length(content)) as i
		union all
		select substr(lower(content), i, 2) from generate_series(1, char_length(content) - 1) as i
	) grams
	where gram !~ '^\s+$'
$$;

create table comments (
	id bigint generated always as identity primary key,
	plan_id integer not null references plans (id) on delete cascade,
	section_key text not null,
	-- The version the comment was written on; it stays attached to the section key across versions.
	version_id integer not null references plan_versions (id) on delete cascade,
	parent_id bigint references comments (id) on delete cascade,
	-- The top-level comment of the thread; null on a top-level comment itself.
	root_id bigint references comments (id) on delete cascade,
	depth integer not null default 0,
	kind text not null,
	body text not null,
	quote text,
	quote_start integer,
	quote_end integer,
	author_id integer references users (id) on delete set null,
	speaker_id integer references speakers (id) on delete set null,
	session_id integer references consultation_sessions (id) on delete cascade,
	statement_hash text,
	status text not null default 'visible',
	moderation_reason text,
	moderated_by integer references users (id) on delete set null,
	moderated_at timestamptz,
	edited_at timestamptz,
	created_at timestamptz not null default now(),
	idempotency_key text,
	endorsement_count integer not null default 0,
	reply_count integer not null default 0,
	body_grams text[] generated always as (text_grams(body)) stored,
	constraint comments_kind_check check (kind in ('support', 'concern', 'suggestion', 'question')),
	constraint comments_status_check check (status in ('visible', 'hidden', 'deleted')),
	constraint comments_depth_check check (depth >= 0 and (depth = 0) = (parent_id is null)),
	constraint comments_quote_check check (quote is null or (quote_start is not null and quote_end is not null and quote_start <= quote_end)),
	constraint comments_idempotency_key unique (author_id, idempotency_key),
	constraint comments_statement_key unique (session_id, statement_hash)
);
create index comments_threads_idx on comments (plan_id, section_key, created_at) where parent_id is null;
create index comments_section_idx on comments (plan_id, section_key);
create index comments_parent_idx on comments (parent_id);
create index comments_root_idx on comments (root_id);
create index comments_version_idx on comments (version_id);
create index comments_author_idx on comments (author_id, created_at desc);
create index comments_session_idx on comments (session_id);
create index comments_body_trgm on comments using gin (body gin_trgm_ops);
create index comments_body_grams on comments using gin (body_grams);

create table comment_revisions (
	id bigint generated always as identity primary key,
	comment_id bigint not null references comments (id) on delete cascade,
	kind text not null,
	body text not null,
	-- When this text was replaced by the next one.
	replaced_at timestamptz not null default now()
);
create index comment_revisions_comment_idx on comment_revisions (comment_id, id);

create table endorsements (
	comment_id bigint not null references comments (id) on delete cascade,
	user_id integer not null references users (id) on delete cascade,
	created_at timestamptz not null default now(),
	primary key (comment_id, user_id)
);
create index endorsements_user_idx on endorsements (user_id);

create table comment_flags (
	id bigint generated always as identity primary key,
	comment_id bigint not null references comments (id) on delete cascade,
	user_id integer references users (id) on delete set null,
	reason text not null,
	created_at timestamptz not null default now(),
	resolved_at timestamptz,
	resolved_by integer references users (id) on delete set null,
	resolution text,
	constraint comment_flags_resolution_check check (resolution is null or resolution in ('hidden', 'dismissed'))
);
create index comment_flags_open_idx on comment_flags (created_at) where resolved_at is null;
create unique index comment_flags_once_idx on comment_flags (comment_id, user_id) where resolved_at is null;
