// A counterexample a property found, replayed: its commands in a world of its seed, convergence, then the problems left.
import type { ConflictWinner } from '../../../src/server/domain/settings.js';
import { convergenceProblems } from './checks.js';
import { run, type Command } from './commands.js';
import { newWorld } from './world.js';

export async function replay(commandsJson: string, seed: number, winner: ConflictWinner = 'outlook'): Promise<string[]> {
  const world = newWorld(seed, winner);
  for (const command of JSON.parse(commandsJson) as Command[]) await run(world, command);
  await world.converge();
  return convergenceProblems(world);
}
