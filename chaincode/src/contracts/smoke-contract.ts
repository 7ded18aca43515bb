import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { callerOf } from '../lib/caller';
import { ChaincodeError, ErrorCodes } from '../lib/errors';
import { Events } from '../lib/events';
import { marshal, unmarshal } from '../lib/json';
import { txTime } from '../lib/dates';
import type { Note } from '../model/note';

export type { Note };

const NOTE_TYPE = 'smoke.note';
const MAX_KEY_LENGTH = 64;
const MAX_TEXT_LENGTH = 1024;

/** Proves the pipeline end to end: a write, a read, and what the chaincode sees of its caller. */
@Info({ title: 'SmokeContract', description: 'Network smoke test: one write, one read, the caller' })
export class SmokeContract extends Contract {
  constructor() {
    super('smoke');
  }

  /** Stores a note under a key, stamped with the transaction time and the writer's MSP. */
  @Transaction()
  @Returns('string')
  async PutNote(ctx: Context, key: string, text: string): Promise<string> {
    validate(key, text);
    const note: Note = {
      key,
      text,
      writtenAt: txTime(ctx),
      writtenBy: ctx.clientIdentity.getMSPID(),
      txId: ctx.stub.getTxID(),
    };
    const bytes = Buffer.from(marshal(note));
    await ctx.stub.putState(noteKey(ctx, key), bytes);
    ctx.stub.setEvent(Events.NotePut, bytes);
    return marshal(note);
  }

  /** Reads a note; NOT_FOUND if none was written under that key. */
  @Transaction(false)
  @Returns('string')
  async GetNote(ctx: Context, key: string): Promise<string> {
    const bytes = await ctx.stub.getState(noteKey(ctx, key));
    if (bytes.length === 0) {
      throw new ChaincodeError(ErrorCodes.NotFound, `no note under key "${key}"`);
    }
    return marshal(unmarshal<Note>(bytes));
  }

  /** Returns the caller's MSP, certificate id and scf.enterpriseId / scf.role attributes. */
  @Transaction(false)
  @Returns('string')
  async WhoAmI(ctx: Context): Promise<string> {
    return Promise.resolve(marshal(callerOf(ctx)));
  }
}

function noteKey(ctx: Context, key: string): string {
  return ctx.stub.createCompositeKey(NOTE_TYPE, [key]);
}

function validate(key: string, text: string): void {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new ChaincodeError(ErrorCodes.InvalidArgument, `key must be 1 to ${MAX_KEY_LENGTH} characters`);
  }
  if (text.length > MAX_TEXT_LENGTH) {
    throw new ChaincodeError(
      ErrorCodes.InvalidArgument,
      `text must be at most ${MAX_TEXT_LENGTH} characters`,
    );
  }
}
