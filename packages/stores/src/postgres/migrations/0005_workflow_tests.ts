/**
 * Test cases saved with a workflow (docs/workflow-tests.md): one JSONB list per workflow name.
 * @module
 */
export const MIGRATION_0005_WORKFLOW_TESTS = `
CREATE TABLE workflow_tests (
  name        text   PRIMARY KEY,
  data        jsonb  NOT NULL,
  update_time bigint NOT NULL
);
`;
