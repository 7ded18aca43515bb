import { SmokeContract } from './contracts/smoke-contract';

export const contracts: (typeof SmokeContract)[] = [SmokeContract];
