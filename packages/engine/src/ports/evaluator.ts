/**
 * Sandboxed JavaScript evaluation for INLINE, SWITCH `javascript`/`graaljs`, DECISION caseExpression
 * and DO_WHILE loopCondition.
 */
export interface ScriptEvaluator {
  /**
   * Evaluates `expression` with `$` bound to a deep copy of `input`; the value of the last expression
   * statement is the result, converted to plain JSON (undefined becomes null).
   * Implementations run the script with no host access under a time and a memory limit.
   * @throws Error with a message a person can read (syntax error, thrown value, time or memory limit).
   */
  evaluate(expression: string, input: Record<string, unknown>): Promise<unknown>;
}

/** jq for JSON_JQ_TRANSFORM, backed by a real jq implementation. */
export interface JqEvaluator {
  /**
   * Runs the jq program `query` over `input` and returns every result in order.
   * @throws Error carrying jq's own message on a compile or runtime error.
   */
  transform(query: string, input: unknown): Promise<unknown[]>;
}
