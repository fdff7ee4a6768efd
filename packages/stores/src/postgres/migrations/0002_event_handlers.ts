/**
 * Event handlers (docs/conductor-compatibility.md#event-handlers): one JSONB document per name,
 * with `event` and `active` as columns for the per-event lookup the event consumer makes.
 * @module
 */
export const MIGRATION_0002_EVENT_HANDLERS = `
CREATE TABLE event_handlers (
  name   text    PRIMARY KEY,
  event  text    NOT NULL,
  active boolean NOT NULL,
  data   jsonb   NOT NULL
);
CREATE INDEX event_handlers_event ON event_handlers (event);
`;
