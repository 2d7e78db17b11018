// Entry of commands.html (the manifest's FunctionFile): registers the ExecuteFunction handlers once Office is
// ready (or at once when it never becomes ready, so Outlook still finds handlers that report the failure).
import { officeReady } from '../addin/office/host.js';
import { registerCommands } from './register.js';

officeReady().then(
  () => registerCommands(),
  () => registerCommands(),
);
