-- A statement imported from a session's transcript is known again by its words alone (it was the
-- speaker's name and affiliation as typed, plus the words: a name corrected on one import and not
-- on the next made the same statement twice). The same normal form as statementHash() in
-- src/lib/server/sessions.ts: NFC, runs of white space as one space, trimmed, SHA-256 in hex.
-- Where one session already holds the same words twice, the first keeps them as its identity.
with recomputed as (
	select id, hash, row_number() over (partition by session_id, hash order by id) as n
	from (
		select id, session_id,
			encode(sha256(convert_to(btrim(regexp_replace(normalize(body, NFC), '\s+', ' ', 'g')), 'UTF8')), 'hex') as hash
		from comments
		where statement_hash is not null
	) statements
)
update comments c
set statement_hash = recomputed.hash
from recomputed
where c.id = recomputed.id and recomputed.n = 1;
