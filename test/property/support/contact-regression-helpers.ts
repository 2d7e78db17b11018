// Helpers the contact regression files share: the one C4C record a case made, and convergence with its problems.
import { expect } from '@jest/globals';
import { convergenceProblems } from './checks.js';
import type { World } from './harness.js';

export function onlyRecord(world: World): string {
  const [record, ...more] = world.contacts.c4c.all();
  if (!record || more.length > 0) throw new Error(`expected one C4C record, found ${world.contacts.c4c.all().length}`);
  return record.objectId;
}

/** Fault-free sessions until quiet (it must settle), then what the checks find. */
export async function settled(world: World): Promise<string[]> {
  expect(await world.converge()).toBeLessThan(Infinity);
  return convergenceProblems(world);
}
