import { FormattedExecutionResult } from 'graphql';
import { Channel } from '../src/common/channel';
import { Cohort } from '../src/live/cohort';
import { ExecutionGate } from '../src/live/execution-gate';

/**
 * A cohort's rules that need no database: a transient failure (SERVER_BUSY, DATABASE_UNAVAILABLE)
 * keeps the last answer and runs again; the gate lets a bounded number of executions run at once,
 * in arrival order. (The cohorts over real databases: test/live-queries.test.ts.)
 */
const busy: FormattedExecutionResult = {
  data: null,
  errors: [{ message: 'busy', extensions: { code: 'SERVER_BUSY' } }],
};

function cohortAnswering(answers: FormattedExecutionResult[]) {
  let runs = 0;
  const pushed: FormattedExecutionResult[] = [];
  const cohort = new Cohort('k', {
    execute: async () => answers[Math.min(runs++, answers.length - 1)],
    reach: 'everything',
    throttleMs: 10,
    subscriberBufferBytes: 1024,
    observe: { executed: () => {}, pushed: () => {}, cutOff: () => {} },
  });
  const channel = new Channel<FormattedExecutionResult>();
  channel.push = (value) => void pushed.push(value);
  cohort.join({ channel, unsentBytes: () => 0, cutOff: () => {} });
  return { cohort, pushed, runs: () => runs };
}

async function until(check: () => boolean): Promise<void> {
  for (let waited = 0; !check(); waited += 5) {
    if (waited > 5000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test('a busy database keeps the last answer and the cohort runs again, pushing the next good one', async () => {
  const { cohort, pushed, runs } = cohortAnswering([{ data: { n: 1 } }, busy, busy, { data: { n: 2 } }]);
  await until(() => pushed.length === 1);
  cohort.request();
  await until(() => runs() === 4 && pushed.length === 2);
  expect(pushed).toEqual([{ data: { n: 1 } }, { data: { n: 2 } }]);
  cohort.close();
});

test('a first answer that fails is pushed: the subscriber must hear something', async () => {
  const { cohort, pushed } = cohortAnswering([busy]);
  await until(() => pushed.length === 1);
  expect(pushed).toEqual([busy]);
  cohort.close();
});

test('the gate runs at most its limit at once, the rest in arrival order', async () => {
  const gate = new ExecutionGate(2);
  let running = 0;
  let most = 0;
  const order: number[] = [];
  const releases: Array<() => void> = [];
  const jobs = [0, 1, 2, 3, 4].map((n) =>
    gate.run(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => releases.push(resolve));
      order.push(n);
      running--;
    }),
  );
  await until(() => releases.length === 2);
  expect(gate.queued).toBe(3);
  while (order.length < 5) {
    releases.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await Promise.all(jobs);
  expect({ most, order }).toEqual({ most: 2, order: [0, 1, 2, 3, 4] });
});
