/**
 * Icon and colour family per task type, shared by the canvas nodes and the palette.
 * @module
 */
import {
  Braces,
  Circle,
  Code,
  Cog,
  GitFork,
  GitMerge,
  Globe,
  Hourglass,
  Merge,
  OctagonX,
  Radio,
  Repeat,
  Rocket,
  Send,
  Shuffle,
  Split,
  User,
  Variable,
  Wand,
  Workflow,
  type LucideIcon,
} from 'lucide-react';

/** Colour family of a node (CSS class suffix). */
export type TaskFamily = 'worker' | 'system' | 'flow' | 'workflow' | 'stop';

const VISUALS: Record<string, { icon: LucideIcon; family: TaskFamily; label: string }> = {
  SIMPLE: { icon: Cog, family: 'worker', label: 'Simple' },
  DYNAMIC: { icon: Wand, family: 'worker', label: 'Dynamic' },
  HTTP: { icon: Globe, family: 'system', label: 'HTTP' },
  INLINE: { icon: Code, family: 'system', label: 'Inline' },
  LAMBDA: { icon: Code, family: 'system', label: 'Lambda' },
  JSON_JQ_TRANSFORM: { icon: Braces, family: 'system', label: 'JQ transform' },
  SET_VARIABLE: { icon: Variable, family: 'system', label: 'Set variable' },
  WAIT: { icon: Hourglass, family: 'system', label: 'Wait' },
  HUMAN: { icon: User, family: 'system', label: 'Human' },
  EVENT: { icon: Radio, family: 'system', label: 'Event' },
  KAFKA_PUBLISH: { icon: Send, family: 'system', label: 'Kafka publish' },
  NOOP: { icon: Circle, family: 'system', label: 'No-op' },
  SWITCH: { icon: Split, family: 'flow', label: 'Switch' },
  DECISION: { icon: Split, family: 'flow', label: 'Decision' },
  FORK_JOIN: { icon: GitFork, family: 'flow', label: 'Fork' },
  FORK_JOIN_DYNAMIC: { icon: Shuffle, family: 'flow', label: 'Dynamic fork' },
  JOIN: { icon: Merge, family: 'flow', label: 'Join' },
  EXCLUSIVE_JOIN: { icon: GitMerge, family: 'flow', label: 'Exclusive join' },
  DO_WHILE: { icon: Repeat, family: 'flow', label: 'Do while' },
  TERMINATE: { icon: OctagonX, family: 'stop', label: 'Terminate' },
  SUB_WORKFLOW: { icon: Workflow, family: 'workflow', label: 'Sub workflow' },
  START_WORKFLOW: { icon: Rocket, family: 'workflow', label: 'Start workflow' },
};

/** Icon, family and short label of a task type (unknown types are worker tasks). */
export function taskVisual(type: string) {
  return VISUALS[type] ?? { icon: Cog, family: 'worker' as const, label: type };
}
