/** Where EVENT tasks publish. `sink` is the task's `sink` field, e.g. `conductor` or `conductor:queue`. */
export interface EventSink {
  publish(sink: string, payload: Record<string, unknown>): Promise<void>;
}
