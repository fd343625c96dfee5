// Only the version is taken from package.json: a named import lets the bundler leave the rest out.
import { version } from '../../package.json';

export const VERSION: string = version;
