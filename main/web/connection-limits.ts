/**
 * Bounds on what a client can hold open: a local page or process could open
 * thousands of sockets and send nothing (or half a request) to exhaust file
 * descriptors. Sockets that have not sent a whole request header in time are
 * closed; idle keep-alive sockets too; past `maxConnections` new ones are
 * refused. A request being answered (a run streaming for minutes, with long
 * silences before a slow first token) is never cut.
 */
import type { Server, ServerOptions } from 'node:http'
import type { Socket } from 'node:net'

export interface ConnectionLimits {
  /** Milliseconds to receive a request's headers, from the connection or the previous request. */
  headersTimeoutMs: number
  /** Milliseconds to receive a whole request (headers and body), not the response. */
  requestTimeoutMs: number
  /** Milliseconds an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number
  maxConnections: number
}

export const DEFAULT_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  // One browser keeps about 6 connections per host; runs stream over one each.
  maxConnections: 64,
}

export function serverOptions(limits: ConnectionLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node checks the two timeouts above on this interval (default 30 s, which let sockets linger).
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
  }
}

export function applyConnectionLimits(server: Server, limits: ConnectionLimits): void {
  server.maxConnections = limits.maxConnections
  // Node's headersTimeout only starts with the first byte: a socket that sends nothing is
  // closed by this timer, cleared once its first request arrives (Node then manages
  // keep-alive). A plain timer: socket.setTimeout was seen not to fire here now and then.
  const firstRequest = new WeakMap<Socket, NodeJS.Timeout>()
  server.on('connection', (socket: Socket) => {
    const timer = setTimeout(() => socket.destroy(), limits.headersTimeoutMs)
    timer.unref()
    firstRequest.set(socket, timer)
    socket.once('close', () => clearTimeout(timer))
  })
  server.on('request', (req) => {
    clearTimeout(firstRequest.get(req.socket))
    firstRequest.delete(req.socket)
  })
}
