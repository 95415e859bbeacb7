/** The app's bound store, wired to the real API and the browser's frame clock. */
import { getApi } from '../api/get-api'
import { createAppStore } from './create-app-store'

export const useAppStore = createAppStore({
  api: getApi(),
  scheduleFrame: (cb) => {
    requestAnimationFrame(() => cb())
  },
  now: () => performance.now(),
})

export type { AppState } from './types'
