-- The recent fires of each schedule, shared by the replicas of a cluster: when each was due, when
-- a daemon began to handle it (their difference is its lateness), what it did and on which replica.
-- One row per scheduled fire time: a replica claims a fire by inserting its row, so a fire that
-- Quartz handed out twice is handled once. Kept bounded: a schedule keeps its last 20 fires.
create table schedule_fire (
    schedule_name varchar(200)             not null,
    scheduled_at  timestamp with time zone not null,
    fired_at      timestamp with time zone not null,
    -- 'firing' while the fire is being handled, then 'run', 'skipped' or 'failed'.
    outcome       varchar(20)              not null,
    run_number    bigint,
    replica       varchar(200)             not null,
    primary key (schedule_name, scheduled_at)
);
