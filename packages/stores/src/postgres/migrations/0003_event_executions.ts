/**
 * Records of event messages whose handling failed at least once (retrying, given up, or
 * recovered): docs/conductor-compatibility.md#event-handlers.
 * @module
 */
export const MIGRATION_0003_EVENT_EXECUTIONS = `
CREATE TABLE event_executions (
  id          text    PRIMARY KEY,
  status      text    NOT NULL,
  update_time bigint  NOT NULL,
  data        jsonb   NOT NULL
);
CREATE INDEX event_executions_recent ON event_executions (update_time DESC);
`;
