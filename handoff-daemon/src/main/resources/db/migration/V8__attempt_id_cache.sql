-- How many attempt ids the database hands out from memory before it writes the identity's next
-- value down, from the placeholder ${attempt_id_cache} (see Database). H2 writes it down with a
-- commit of its own, and so a write of the database file, every 32 ids by default: a run of
-- 10,000 tests paid some 300 file writes for its ids alone. A crash skips at most the cached ids;
-- ids only need to grow. PostgreSQL keeps 1: its cache is per session, and a run's attempts, which
-- are listed by id, are written through whichever pooled connection is free.
alter table attempt alter column id set cache ${attempt_id_cache};
