// Where the web host and the command line keep settings when no --data dir is given.
// (Electron uses app.getPath('userData') instead.)
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'bitlens');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'bitlens');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'bitlens');
}
