/**
 * Indexes for searches over many archived workflows (docs/operations.md, "Search at scale"):
 * `correlation_id` alone (a `correlationId = ...` query without a workflow name), and a trigram
 * index (pg_trgm, GIN) on `workflows.search_text`, so a workflow `freeText` term
 * (`search_text ILIKE '%term%'`, pg-search.ts) reads the index instead of every archived row.
 *
 * pg_trgm ships with Postgres (Debian's `postgresql` package, the contrib modules) and is a
 * trusted extension, so a database owner can create it. It is created once per database, in
 * `public` when the role may create there (else in the current schema), and reused when it
 * already exists (per-schema test databases share it). When the extension cannot be created the
 * migration leaves a WARNING and no index: searches still answer, by scanning
 * (docs/operations.md, "Search at scale", has the statements to run by hand later).
 *
 * Only workflows are indexed: the tasks table is several times larger and written on every
 * task change, and task free-text search is rare.
 * @module
 */
export const MIGRATION_0006_SEARCH_INDEXES = `
CREATE INDEX workflows_correlation ON workflows (correlation_id);

DO $migration$
DECLARE
  ext_schema text;
BEGIN
  SELECT n.nspname INTO ext_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
   WHERE e.extname = 'pg_trgm';
  IF ext_schema IS NULL THEN
    IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'public')
       AND has_schema_privilege('public', 'CREATE') THEN
      ext_schema := 'public';
    ELSE
      ext_schema := current_schema();
    END IF;
    EXECUTE format('CREATE EXTENSION pg_trgm SCHEMA %I', ext_schema);
  END IF;
  EXECUTE format(
    'CREATE INDEX workflows_search_text_trgm ON workflows USING gin (search_text %I.gin_trgm_ops)',
    ext_schema);
EXCEPTION WHEN OTHERS THEN
  RAISE WARNING 'baton: no trigram index on workflows.search_text (%): free-text search scans every workflow', SQLERRM;
END
$migration$;
`;
