-- The attempt's unique key by the test name's SHA-256 (filled by V5.1), which fits any index.
alter table attempt alter column test_key set not null;
alter table attempt drop constraint attempt_number;
-- Also serves "every attempt of test T in run R" and the cascade from suite_run.
alter table attempt add constraint attempt_number unique (run_id, test_key, number);
