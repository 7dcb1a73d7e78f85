-- Who triggered a run when the daemon knows: the name of the API token or the subject of the client
-- certificate that authenticated the trigger. Null on an open daemon and for scheduled runs; unlike
-- initiated_by, which the request states, the caller cannot be given by the request.
alter table suite_run add column caller varchar(500);
