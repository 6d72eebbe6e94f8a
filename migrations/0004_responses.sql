-- Officials' answers: a disposition and response on every comment (with history), links from the
-- sections a revision changed to the comments they answer, and in-app notices.

create table comment_responses (
	comment_id bigint primary key references comments (id) on delete cascade,
	disposition text not null,
	body text not null,
	responded_by integer references users (id) on delete set null,
	responded_at timestamptz not null default now(),
	constraint comment_responses_disposition_check check (disposition in
		('accepted', 'partly_accepted', 'under_review', 'not_accepted', 'out_of_scope'))
);
create index comment_responses_disposition_idx on comment_responses (disposition);

create table comment_response_history (
	id bigint generated always as identity primary key,
	comment_id bigint not null references comments (id) on delete cascade,
	disposition text not null,
	body text not null,
	responded_by integer references users (id) on delete set null,
	responded_at timestamptz not null
);
create index comment_response_history_comment_idx on comment_response_history (comment_id, id);

-- "Reflected in version N, section X": the comments a changed section of a published revision answers.
create table revision_links (
	version_id integer not null references plan_versions (id) on delete cascade,
	section_key text not null,
	comment_id bigint not null references comments (id) on delete cascade,
	linked_by integer references users (id) on delete set null,
	linked_at timestamptz not null default now(),
	primary key (version_id, section_key, comment_id)
);
create index revision_links_comment_idx on revision_links (comment_id);

create table notices (
	id bigint generated always as identity primary key,
	user_id integer not null references users (id) on delete cascade,
	kind text not null,
	comment_id bigint references comments (id) on delete cascade,
	version_id integer references plan_versions (id) on delete cascade,
	created_at timestamptz not null default now(),
	read_at timestamptz,
	constraint notices_kind_check check (kind in ('comment_answered', 'comment_replied', 'version_published'))
);
create index notices_user_idx on notices (user_id, created_at desc);
create index notices_unread_idx on notices (user_id) where read_at is null;
