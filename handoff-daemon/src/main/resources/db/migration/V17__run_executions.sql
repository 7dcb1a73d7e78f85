-- Each execution of a run (the first, then one per "Retry failed tests"), with its own start and
-- end: a run's page lists them, and a run's duration adds them up rather than counting the time it
-- sat finished between an execution and its retry. Written when a daemon claims the run and when
-- the run ends; a run resumed after a restart keeps its execution's start.
create table run_execution (
    run_id      bigint  not null references suite_run (id) on delete cascade,
    execution   integer not null,
    started_at  timestamp with time zone not null,
    finished_at timestamp with time zone,
    primary key (run_id, execution)
);

-- Runs executed before: their latest execution, from the run's start (the idle time before a
-- retry of such a run is not known).
insert into run_execution (run_id, execution, started_at, finished_at)
    select id, execution, started_at, finished_at from suite_run where started_at is not null;

-- When a finished run was retried (its end until then), and the time it spent so between its
-- executions, which its duration leaves out.
alter table suite_run add column idle_since timestamp with time zone;
alter table suite_run add column idle_millis bigint not null default 0;
