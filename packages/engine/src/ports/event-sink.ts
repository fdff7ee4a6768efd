/** Where EVENT tasks publish. `sink` is the task's `sink` field, e.g. `conductor` or `conductor:queue`. */
export interface EventSink {
  /**
   * `origin` names the EVENT task publishing, so a durable sink can keep a reference to it
   * instead of a copy of the payload (the task keeps the payload in its input).
   */
  publish(
    sink: string,
    payload: Record<string, unknown>,
    origin?: { workflowId: string; taskId: string },
  ): Promise<void>;
}
