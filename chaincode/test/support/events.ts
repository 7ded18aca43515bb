import type { EventPayload } from '@scf/ledger-contract';
import type { MemoryLedger } from './memory-stub';
import { parse } from './parse';

/** The last committed event, with the records it carries. */
export function lastEvent(ledger: MemoryLedger): { name: string; records: EventPayload['records'] } {
  const event = ledger.events.at(-1);
  if (!event) throw new Error('no event was emitted');
  return { name: event.name, records: parse<EventPayload>(event.payload).records };
}
