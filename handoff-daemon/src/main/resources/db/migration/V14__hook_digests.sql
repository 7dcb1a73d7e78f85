-- When each hook last sent its daily digest of a suite's flaky tests (issue 18): kept here so that
-- of several replicas one sends it, once a day, and a restart does not send it again.
create table hook_digest (
    hook    varchar(200) not null,
    suite   varchar(500) not null,
    sent_at timestamp with time zone not null,
    constraint hook_digest_key primary key (hook, suite)
);
