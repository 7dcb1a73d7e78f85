-- The trace each attempt ran in (OpenTelemetry, W3C ids as lower-case hex) and its own span, so
-- that the API, the pages, hooks and junit.xml can link an attempt to the tracing backend.
-- Attempts stored before, and attempts that were not traced, have neither (null).
alter table attempt add column trace_id varchar(32);
alter table attempt add column trace_span_id varchar(16);
