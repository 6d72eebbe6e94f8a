-- Who spoke at a session in what capacity: the chair (사회자, 좌장) or the city's own staff (the
-- department running the consultation) say things that are kept and shown but are not stakeholders'
-- opinions, so they are not counted as comments that need an answer. Null: an opinion (every comment
-- written online, and a session statement by a stakeholder).
alter table comments add column speaker_role text;
alter table comments add constraint comments_speaker_role_check check (speaker_role is null or (speaker_role in ('chair', 'staff') and session_id is not null));
