// Only the version is read from the manifest: bundles then carry that string, not the whole
// package.json (so the committed action/index.js changes with the version alone).
import { version } from '../../package.json';

export const VERSION: string = version;
