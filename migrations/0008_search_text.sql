-- Search by one trigram index that finds terms of any length, in place of a trigram index for three
-- or more characters plus a generated column of every 1- and 2-character gram (0002). Computing that
-- column cost about a millisecond of the database's time per comment written, most of a write.
--
-- search_text triples every character: '협동' becomes '협협협동동동'. A term of any length then has
-- trigrams ('협협협', '협협동', '협동동', '동동동') and the tripled text contains the tripled term exactly
-- when the text contains the term (an unaligned match needs every character of the term equal, and
-- then the text holds the term too).

create function search_text(content text) returns text
language plpgsql immutable strict parallel safe
-- Priced high so the planner checks the cheap position() condition beside it first.
cost 1000
as $$
begin
	return regexp_replace(lower(content), '(.)', '\1\1\1', 'g');
end
$$;

-- The LIKE pattern for a term: tripled like the text, LIKE's wildcards taken literally.
create function search_pattern(term text) returns text
language plpgsql immutable strict parallel safe
as $$
begin
	return '%' || replace(replace(replace(search_text(term), '\', '\\'), '%', '\%'), '_', '\_') || '%';
end
$$;

create index comments_search_text_trgm on comments using gin (search_text(body) gin_trgm_ops);
drop index comments_body_grams;
drop index comments_body_trgm;
alter table comments drop column body_grams;
drop function text_grams(text);
