-- What each replica of a cluster serves: its suites and the schedules they declare (@Schedule).
-- During a rolling update replicas of two images share the database and serve different suites;
-- a replica decides about a suite it lacks (run it elsewhere, fail its run, delete its schedule)
-- by what the live replicas serve. Live is Quartz's verdict (qrtz_scheduler_state, see V5), so the
-- rows of a dead replica are simply no longer looked at; they are deleted some time later.
create table replica (
    -- The daemon's Quartz instance id, unique per start.
    instance_id   varchar(200) not null primary key,
    -- Before the replica's first Quartz check-in: rows this young belong to a replica still starting.
    registered_at timestamp with time zone not null
);
create table replica_suite (
    instance_id varchar(200) not null references replica (instance_id) on delete cascade,
    suite       varchar(500) not null,
    primary key (instance_id, suite)
);
-- The declared schedules' definitions as in the schedule table (V3), per replica.
create table replica_schedule (
    instance_id varchar(200)  not null references replica (instance_id) on delete cascade,
    name        varchar(200)  not null,
    suite       varchar(500)  not null,
    cron        varchar(120),
    every       varchar(100),
    filter      varchar(2000),
    max_runs    integer       not null,
    until       varchar(100),
    primary key (instance_id, name)
);
