// One stack for a whole e2e file (each start costs about a minute of CI): started before the file's tests and closed
// after them, with the items they opened. The service's log of the run is saved next to the screenshots, for looking
// into a failure.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, jest } from '@jest/globals';
import { openItemWithPane, SCREENSHOT_DIR, startE2eStack, type E2eStack, type OpenedItem } from './stack.js';

export interface SharedStack {
  /** The started stack (only inside tests). */
  readonly stack: E2eStack;
  /** Opens an item with the pane; it is closed with the stack. */
  open(options: Parameters<typeof openItemWithPane>[1]): Promise<OpenedItem>;
}

/** Registers the file's stack (call once, at the top of the file) and the file's test timeout. */
export function useSharedStack(): SharedStack {
  // The e2e project's testTimeout in jest.config.js is not applied (jest reads testTimeout globally only).
  jest.setTimeout(120_000);
  let started: E2eStack | undefined;
  const opened: OpenedItem[] = [];
  beforeAll(async () => {
    started = await startE2eStack();
    console.log(`e2e stack up: ${JSON.stringify(started.timings)} ms; add-in build ${started.build.buildMs === null ? 'reused' : `${started.build.buildMs} ms`}`);
  }, 170_000);
  afterAll(async () => {
    for (const o of opened) await o.context.close().catch(() => undefined);
    if (started) writeFileSync(resolve(SCREENSHOT_DIR, 'service-log.jsonl'), started.service.logs.map((l) => JSON.stringify(l)).join('\n'));
    await started?.close();
  });
  const shared: SharedStack = {
    get stack(): E2eStack {
      if (!started) throw new Error('the e2e stack is not started');
      return started;
    },
    // Not a method using `this`: the tests take it out of the object.
    open: async (options) => {
      const item = await openItemWithPane(shared.stack, options);
      opened.push(item);
      return item;
    },
  };
  return shared;
}
