/**
 * Conductor's search `query` syntax as data: `expr := cond (AND|OR cond)*`, parentheses group.
 * Parsed by `parseSearchQuery`; each store turns it into its own query language.
 * @module
 */

export type SearchOperator =
  '=' | '!=' | '>' | '<' | 'IN' | 'BETWEEN' | 'IS_NULL' | 'IS_NOT_NULL' | 'STARTS_WITH';

export type SearchExpression =
  | { type: 'and'; items: SearchExpression[] }
  | { type: 'or'; items: SearchExpression[] }
  | {
      type: 'condition';
      field: string;
      op: SearchOperator;
      /** One value for =, !=, >, <, STARTS_WITH; several for IN; two for BETWEEN; none for IS_*. */
      values: Array<string | number>;
    };
