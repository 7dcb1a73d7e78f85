-- The outcome rows' key and one test's index on the test name's SHA-256 (filled by V18.1).
alter table test_outcome alter column test_key set not null;
alter table test_outcome drop constraint test_outcome_key;
alter table test_outcome add constraint test_outcome_key primary key (run_id, test_key);
drop index test_outcome_by_test;
create index test_outcome_by_test on test_outcome (suite, test_key, run_number);
