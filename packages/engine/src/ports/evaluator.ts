/** Options of one evaluation. */
export interface EvaluationOptions {
  /**
   * Groups evaluations for fair sharing of the evaluator's capacity: the executor passes the
   * workflow's name, so one definition's slow scripts cannot hold up other definitions' scripts.
   */
  key?: string;
}

/**
 * Sandboxed JavaScript evaluation for INLINE, SWITCH `javascript`/`graaljs`, DECISION caseExpression
 * and DO_WHILE loopCondition.
 */
export interface ScriptEvaluator {
  /**
   * Evaluates `expression` with `$` bound to a deep copy of `input`; the value of the last expression
   * statement is the result, converted to plain JSON (undefined becomes null); a promise is
   * settled first. Implementations run the script with no host access under a time and a memory
   * limit, and may refuse a result larger than they are configured to return.
   * @throws Error with a message a person can read (syntax error, thrown value, rejected or
   * unsettled promise, time or memory limit, result too large).
   */
  evaluate(
    expression: string,
    input: Record<string, unknown>,
    options?: EvaluationOptions,
  ): Promise<unknown>;
}

/** jq for JSON_JQ_TRANSFORM, backed by a real jq implementation. */
export interface JqEvaluator {
  /**
   * Runs the jq program `query` over `input` and returns every result in order.
   * @throws Error carrying jq's own message on a compile or runtime error.
   */
  transform(query: string, input: unknown, options?: EvaluationOptions): Promise<unknown[]>;
}
