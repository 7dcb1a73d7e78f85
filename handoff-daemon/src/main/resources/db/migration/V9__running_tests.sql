-- The tests a running run is executing right now, as JSON text [{"test", "attempt", "startedAt"}],
-- written with its attempts (a fraction of a second behind the tests) so that every replica's run
-- page can say what a long run is doing. Null once the run has finished.
alter table suite_run add column running_tests varchar;
