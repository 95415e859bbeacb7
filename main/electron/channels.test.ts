import { expect, test } from 'vitest'
import type { PlaygroundApi } from '../common/api'
import { CHANNEL_PREFIX, channelOf, RUN_PORT_CHANNEL } from './channels'

test('each API method has its own playground: channel; the run port has one no method can take', () => {
  const methods: (keyof PlaygroundApi)[] = ['catalog', 'startRun', 'getSettings']
  expect(methods.map(channelOf)).toEqual(['playground:catalog', 'playground:startRun', 'playground:getSettings'])
  expect(RUN_PORT_CHANNEL.startsWith(CHANNEL_PREFIX)).toBe(true)
  expect(RUN_PORT_CHANNEL).toBe(channelOf('run-port'))
})
