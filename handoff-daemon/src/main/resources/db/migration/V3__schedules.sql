-- What Handoff keeps of a schedule beside Quartz's trigger: its definition as the user wrote it
-- (Quartz holds only the parsed trigger), where it came from, and its counts. Pause state and
-- the next fire time stay Quartz's. A retired (completed) schedule keeps its row, without a trigger.
create table schedule (
    name          varchar(200)  not null primary key,
    suite         varchar(500)  not null,
    -- Exactly one of the two.
    cron          varchar(120),
    every         varchar(100),
    filter        varchar(2000),
    max_runs      integer       not null,
    -- As written: a duration since started_at, or an instant.
    until         varchar(100),
    declared      boolean       not null,
    started_at    timestamp with time zone not null,
    run_count     integer       not null,
    skipped_fires integer       not null,
    last_run      bigint,
    completed     boolean       not null
);
