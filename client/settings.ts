// Names shared by the client's files: settings, command ids, channels. package.json declares the same.
import { SETTINGS_SECTION } from '../protocol/names';

export { RULES_SETTING, SETTINGS_SECTION, WORKSPACE_FILES_GLOB } from '../protocol/names';
export const TRACE_SETTING = `${SETTINGS_SECTION}.trace.server`;

export const RESTART_SERVER_COMMAND = 'releaseRunbooks.restartServer';

export const LOG_CHANNEL_NAME = 'Release Runbooks';

export const LANGUAGE_IDS = ['runbook', 'runbook-calendar'] as const;
