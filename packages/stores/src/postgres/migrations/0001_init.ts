/**
 * Migration 0001_init: the whole schema. Kept as a TypeScript constant (not a .sql file) so the
 * bundled server needs no files at run time. Migrations are only ever appended, never edited.
 *
 * Times are epoch milliseconds (bigint). Each JSON document is stored whole in `data` (JSONB);
 * the other columns copy the fields that searches filter and sort on. `search_text` is the
 * free-text haystack, computed in TypeScript so every adapter matches the same text.
 * @module
 */
export const MIGRATION_0001_INIT = `
CREATE TABLE workflow_defs (
  name    text    NOT NULL,
  version integer NOT NULL,
  data    jsonb   NOT NULL,
  PRIMARY KEY (name, version)
);

CREATE TABLE task_defs (
  name text  PRIMARY KEY,
  data jsonb NOT NULL
);

CREATE TABLE workflows (
  workflow_id        text    PRIMARY KEY,
  revision           integer NOT NULL,
  workflow_name      text    NOT NULL,
  workflow_version   integer NOT NULL,
  status             text    NOT NULL,
  correlation_id     text,
  create_time        bigint  NOT NULL,
  start_time         bigint,
  end_time           bigint,
  update_time        bigint,
  parent_workflow_id text,
  idempotency_key    text,
  priority           integer,
  search_text        text    NOT NULL,
  data               jsonb   NOT NULL
);
CREATE INDEX workflows_name_status ON workflows (workflow_name, workflow_version, status);
CREATE INDEX workflows_name_correlation ON workflows (workflow_name, correlation_id);
CREATE INDEX workflows_name_idempotency ON workflows (workflow_name, idempotency_key);
CREATE INDEX workflows_start_time ON workflows (start_time);

CREATE TABLE tasks (
  task_id             text      PRIMARY KEY,
  workflow_id         text      NOT NULL REFERENCES workflows (workflow_id) ON DELETE CASCADE,
  seq                 integer   NOT NULL,
  insert_order        bigserial NOT NULL,
  task_type           text      NOT NULL,
  task_def_name       text,
  reference_task_name text,
  status              text      NOT NULL,
  workflow_type       text,
  correlation_id      text,
  scheduled_time      bigint,
  start_time          bigint,
  end_time            bigint,
  update_time         bigint,
  worker_id           text,
  domain              text,
  search_text         text      NOT NULL,
  data                jsonb     NOT NULL
);
CREATE INDEX tasks_workflow ON tasks (workflow_id, seq, insert_order);
CREATE INDEX tasks_type_status ON tasks (task_type, status);

CREATE TABLE task_logs (
  id           bigserial PRIMARY KEY,
  task_id      text      NOT NULL,
  log          text      NOT NULL,
  created_time bigint    NOT NULL
);
CREATE INDEX task_logs_task ON task_logs (task_id, created_time, id);

CREATE TABLE poll_data (
  queue_name     text   NOT NULL,
  worker_id      text   NOT NULL,
  domain         text,
  last_poll_time bigint NOT NULL,
  PRIMARY KEY (queue_name, worker_id)
);

CREATE TABLE queue_messages (
  queue_name   text      NOT NULL,
  message_id   text      NOT NULL,
  priority     integer   NOT NULL,
  visible_at   bigint    NOT NULL,
  insert_order bigserial NOT NULL,
  PRIMARY KEY (queue_name, message_id)
);
CREATE INDEX queue_messages_pop ON queue_messages (queue_name, visible_at);
`;
