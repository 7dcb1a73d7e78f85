-- test_outcome kept its rows unique by the test's name (run_id, test), and found one test's rows by
-- (suite, test, run_number). A long name in characters of several bytes does not fit a PostgreSQL
-- index entry (at most 2,704 bytes), so a run with such a test could not store its outcomes. As
-- the attempt table does since V5, the rows are now keyed by the name's SHA-256 (TestKey), filled
-- for the rows already stored by V18.1; V18.2 moves the key and the index onto it.
alter table test_outcome add column test_key varchar(64);
