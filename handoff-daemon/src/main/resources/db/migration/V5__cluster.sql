-- Several daemons (replicas) on one database.

-- The replica executing a running run: its Quartz scheduler instance id. Quartz's cluster
-- check-in keeps a row per live replica in qrtz_scheduler_state and removes the rows of replicas
-- that stopped checking in; a running run whose owner has no row there is put back in the queue.
alter table suite_run add column owner varchar(200);
-- Cancel asked on a replica that does not execute the run: its owner sees the flag and stops it.
alter table suite_run add column cancel_requested boolean default false not null;
create index suite_run_owner on suite_run (result, owner);

-- PostgreSQL cannot index a value longer than about 2,700 bytes, and a test name may be 2,000
-- characters of up to four bytes each. Attempts are therefore kept unique by a SHA-256 of the
-- name (see TestKey) instead of the name itself: the column comes here, V5.1 fills it for
-- existing attempts and V5.2 makes it the key.
alter table attempt add column test_key varchar(64);
