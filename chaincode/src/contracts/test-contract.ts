import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { txTime } from '../lib/dates';
import {
  ContractError,
  ErrorCodes,
  Events,
  type Note,
  type RawEventMark,
  invalid,
  marshal,
  requireText,
  unmarshal,
} from '@scf/ledger-contract';
import { BaseContract } from './base-contract';

export type { Note, RawEventMark };

const NOTE_TYPE = 'test.note';
const RAW_EVENT_TYPE = 'test.raw-event';
const MAX_KEY_LENGTH = 64;
const MAX_TEXT_LENGTH = 1024;
const MAX_EVENT_NAME_LENGTH = 128;
/** Fabric caps a chaincode event far above this; a test needs a few hundred bytes. */
const MAX_RAW_PAYLOAD_LENGTH = 65_536;

/**
 * Writes that exist for tests only: the benchmark's one-write baseline and raw events for the
 * read-model projector's tests. index.ts serves it only when SCF_CHAINCODE_TEST_CONTRACTS=1.
 */
@Info({ title: 'TestContract', description: 'Test-only writes: notes and raw events' })
export class TestContract extends BaseContract {
  constructor() {
    super('test');
  }

  /** Stores a note under a key, stamped with the transaction time and the writer's MSP. */
  @Transaction()
  @Returns('string')
  async PutNote(ctx: Context, key: string, text: string): Promise<string> {
    const note: Note = {
      key: requireText(key, 'key', MAX_KEY_LENGTH),
      text: requireText(text, 'text', MAX_TEXT_LENGTH, { multiline: true }),
      writtenAt: txTime(ctx),
      writtenBy: ctx.clientIdentity.getMSPID(),
      txId: ctx.stub.getTxID(),
    };
    const bytes = Buffer.from(marshal(note));
    await ctx.stub.putState(noteKey(ctx, note.key), bytes);
    ctx.stub.setEvent(Events.NotePut, bytes);
    return marshal(note);
  }

  /** Reads a note; NOT_FOUND if none was written under that key. */
  @Transaction(false)
  @Returns('string')
  async GetNote(ctx: Context, key: string): Promise<string> {
    const bytes = await ctx.stub.getState(noteKey(ctx, requireText(key, 'key', MAX_KEY_LENGTH)));
    if (bytes.length === 0) {
      throw new ContractError(ErrorCodes.NotFound, `no note under key "${key}"`);
    }
    return marshal(unmarshal<Note>(bytes));
  }

  /**
   * Emits `eventName` with `payloadJson` as its payload, byte for byte (not checked to be JSON, or
   * an EventPayload), and writes one key marking it: an event a read model may fail to apply.
   */
  @Transaction()
  @Returns('string')
  async EmitRaw(ctx: Context, eventName: string, payloadJson: string): Promise<string> {
    const name = requireText(eventName, 'eventName', MAX_EVENT_NAME_LENGTH);
    if (typeof payloadJson !== 'string' || payloadJson.length > MAX_RAW_PAYLOAD_LENGTH) {
      throw invalid(`payloadJson must be a string of at most ${MAX_RAW_PAYLOAD_LENGTH} characters`);
    }
    const payload = Buffer.from(payloadJson, 'utf8');
    const mark: RawEventMark = {
      eventName: name,
      payloadLength: payload.length,
      txId: ctx.stub.getTxID(),
      writtenAt: txTime(ctx),
      writtenBy: ctx.clientIdentity.getMSPID(),
    };
    await ctx.stub.putState(
      ctx.stub.createCompositeKey(RAW_EVENT_TYPE, [mark.txId]),
      Buffer.from(marshal(mark)),
    );
    ctx.stub.setEvent(name, payload);
    return marshal(mark);
  }
}

function noteKey(ctx: Context, key: string): string {
  return ctx.stub.createCompositeKey(NOTE_TYPE, [key]);
}
