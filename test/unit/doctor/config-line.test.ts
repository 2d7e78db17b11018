// `npm run doctor` with settings that do not load: one ✖ line with the start-up's own messages, and exit 1.
import { runCli } from '../../../src/server/cli/main.js';

it('reports an invalid configuration with the start-up messages and what to do', async () => {
  const out: string[] = [];
  const code = await runCli(['doctor'], { TENANT_ID: 'contoso', SANDBOX: 'false', CLIENT_SECRET: 'x' }, { out: (t) => out.push(t), err: (t) => out.push(t) });
  expect(code).toBe(1);
  const text = out.join('\n');
  expect(text).toMatch(/^✖ Configuration valid: \d+ problems\n/);
  expect(text).toContain('      CLIENT_ID: is required');
  expect(text).toContain('PUBLIC_URL: is required outside sandbox mode');
  expect(text).toContain('→ Set them as .env.example describes');
  expect(text).not.toContain('✔');
});
