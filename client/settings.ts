// Names shared by the client's files: settings, command ids, channels. package.json declares the same.
export const SETTINGS_SECTION = 'releaseRunbooks';
export const RULES_SETTING = `${SETTINGS_SECTION}.rules`;
export const TRACE_SETTING = `${SETTINGS_SECTION}.trace.server`;

export const RESTART_SERVER_COMMAND = 'releaseRunbooks.restartServer';

export const LOG_CHANNEL_NAME = 'Release Runbooks';

export const LANGUAGE_IDS = ['runbook', 'runbook-calendar'] as const;
/** Runbook and calendar files on disk, as the spec names them. */
export const WORKSPACE_FILES_GLOB = '**/*.{runbook,calendar}.{yaml,yml}';
