-- Theme analysis: researchers' tags on comments, decisions on suggested themes, syntheses with pinned quotes.

-- One row per researcher and theme, so two researchers' codings can be compared (Cohen's kappa).
create table comment_tags (
	comment_id bigint not null references comments (id) on delete cascade,
	theme_id integer not null references themes (id) on delete cascade,
	tagged_by integer not null references users (id) on delete cascade,
	tagged_at timestamptz not null default now(),
	source text not null default 'manual',
	primary key (comment_id, theme_id, tagged_by),
	constraint comment_tags_source_check check (source in ('manual', 'suggestion'))
);
create index comment_tags_theme_idx on comment_tags (theme_id, comment_id);
create index comment_tags_user_idx on comment_tags (tagged_by);

-- Which comments a researcher has coded (tagged or looked at and left untagged), for agreement.
create table coding_reviews (
	comment_id bigint not null references comments (id) on delete cascade,
	reviewed_by integer not null references users (id) on delete cascade,
	reviewed_at timestamptz not null default now(),
	primary key (comment_id, reviewed_by)
);

-- A rejected suggestion never comes back; an accepted one became a tag.
create table suggestion_decisions (
	comment_id bigint not null references comments (id) on delete cascade,
	theme_id integer not null references themes (id) on delete cascade,
	decision text not null,
	decided_by integer references users (id) on delete set null,
	decided_at timestamptz not null default now(),
	primary key (comment_id, theme_id),
	constraint suggestion_decisions_decision_check check (decision in ('accepted', 'rejected'))
);

create table theme_syntheses (
	plan_id integer not null references plans (id) on delete cascade,
	theme_id integer not null references themes (id) on delete cascade,
	body text not null default '',
	updated_by integer references users (id) on delete set null,
	updated_at timestamptz not null default now(),
	primary key (plan_id, theme_id)
);

create table synthesis_quotes (
	id integer generated always as identity primary key,
	plan_id integer not null references plans (id) on delete cascade,
	theme_id integer not null references themes (id) on delete cascade,
	comment_id bigint not null references comments (id) on delete cascade,
	excerpt text not null,
	position integer not null default 0,
	created_by integer references users (id) on delete set null,
	created_at timestamptz not null default now()
);
create index synthesis_quotes_theme_idx on synthesis_quotes (plan_id, theme_id, position);
