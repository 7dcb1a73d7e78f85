-- Context values that hooks add to a run (SuiteRunFinishedListener), as JSON text like an
-- attempt's context_values. Values hooks add to a test go into its latest attempt's context_values.
alter table suite_run add column context_values varchar;
