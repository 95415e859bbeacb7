/**
 * IPC channel names shared by the preload and the main-process handlers.
 * Every request/response method of PlaygroundApi is `playground:<method>`;
 * a run's events arrive on the MessagePort sent with `run-port`.
 */
export const CHANNEL_PREFIX = 'playground:'
export const RUN_PORT_CHANNEL = 'playground:run-port'

export function channelOf(method: string): string {
  return `${CHANNEL_PREFIX}${method}`
}

/** Sent with the run's MessagePort: `requestId` pairs it with the preload's pending startRun. */
export interface RunPortMessage {
  requestId: string
  runId: string
}
