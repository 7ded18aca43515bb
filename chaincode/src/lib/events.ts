/** Chaincode event names; the node API imports these rather than repeating the strings. */
export const SmokeEvents = {
  NotePut: 'NotePut',
} as const;

export type SmokeEventName = (typeof SmokeEvents)[keyof typeof SmokeEvents];
