-- The invocations of an attempt of a parameterized, repeated or dynamic test: GZIP-compressed JSON
-- [{"name", "result", "startedAt", "finishedAt", "failure", "log"}] (null when it had none), read
-- with the attempt's details; and what every list of tests shows without reading them: how many,
-- how many failed and the first that failed. Attempts stored before have no invocations (0).
alter table attempt add column invocations ${binary_type};
alter table attempt add column invocation_count integer default 0 not null;
alter table attempt add column invocations_failed integer default 0 not null;
alter table attempt add column first_failed_invocation varchar(2000);
