/**
 * Workflow schedules and the record of each scheduled start
 * (docs/conductor-compatibility.md#schedules). The unique (schedule_name, scheduled_time) key is
 * the claim that makes each due time run once across servers.
 * @module
 */
export const MIGRATION_0004_SCHEDULES = `
CREATE TABLE schedules (
  name          text    PRIMARY KEY,
  workflow_name text    NOT NULL,
  paused        boolean NOT NULL,
  next_run_time bigint,
  data          jsonb   NOT NULL
);
CREATE INDEX schedules_due ON schedules (next_run_time) WHERE NOT paused;
CREATE INDEX schedules_workflow ON schedules (workflow_name);
CREATE TABLE schedule_executions (
  execution_id   text   PRIMARY KEY,
  schedule_name  text   NOT NULL,
  scheduled_time bigint NOT NULL,
  workflow_name  text   NOT NULL,
  state          text   NOT NULL,
  data           jsonb  NOT NULL,
  UNIQUE (schedule_name, scheduled_time)
);
CREATE INDEX schedule_executions_recent ON schedule_executions (scheduled_time DESC);
`;
