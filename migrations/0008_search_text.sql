-- Search by one trigram index that finds terms of any length, in place of a trigram index for three
-- or more characters plus a generated column of every 1- and 2-character gram (0002). Computing that
-- column cost about a millisecond of the database's time per comment written, most of a write.
--
-- search_text triples every character: '협동' becomes '협협협동동동'. A term of any length then has
-- trigrams ('협협협', '협협동', '협동동', '동동동'), and the tripled text contains the tripled term
-- whenever the text contains the term, so the index finds every comment that has it. It is kept as a
-- column because the index's candidates are checked against it again, row by row.

create function search_text(content text) returns text
language sql immutable strict parallel safe
as $$ select regexp_replace(lower(content), '(.)', '\1\1\1', 'g') $$;

-- The LIKE pattern for a term: tripled like the text, LIKE's wildcards taken literally.
create function search_pattern(term text) returns text
language sql immutable strict parallel safe
as $$ select '%' || replace(replace(replace(search_text(term), '\', '\\'), '%', '\%'), '_', '\_') || '%' $$;

alter table comments add column search_body text generated always as (search_text(body)) stored;
create index comments_search_body_trgm on comments using gin (search_body gin_trgm_ops);
drop index comments_body_grams;
drop index comments_body_trgm;
alter table comments drop column body_grams;
drop function text_grams(text);

-- Researchers' theme suggestions compare comments with the text of tagged ones; an edited text is a
-- change to that analysis too (0006 raised the revision for status changes only).
drop trigger comments_status_analysis on comments;
create trigger comments_text_analysis after update of status, body on comments
	for each statement execute function bump_analysis_revision();
