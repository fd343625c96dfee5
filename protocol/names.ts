// Names the extension, the language server and package.json share: setting keys, command ids,
// view ids and file globs. Each is written here once; package.json declares the same.

export const SETTINGS_SECTION = 'releaseRunbooks';
export const RULES_SETTING = `${SETTINGS_SECTION}.rules`;
export const TIME_ZONE_SETTING = `${SETTINGS_SECTION}.timeZone`;
export const USER_HANDLE_SETTING = `${SETTINGS_SECTION}.user.handle`;

/**
 * Node flags the language server is started with. A 4 MB young generation instead of V8's 16 MB
 * keeps about 25 MB less resident at 2,000 runbooks at no measured cost in speed (bench/results.md).
 * V8 reads it only at start-up, so it is a command-line flag, not set from inside the server.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4'];

/** Runbook and calendar files on disk, as the spec names them. */
export const WORKSPACE_FILES_GLOB = '**/*.{runbook,calendar}.{yaml,yml}';
export const RUNBOOK_FILES_GLOB = '**/*.runbook.{yaml,yml}';
/** Folders no search of the extension looks into. */
export const SEARCH_EXCLUDE_GLOB = '**/{node_modules,.git}/**';

// Change requests --------------------------------------------------------------------------------
/** Reads the change requests' status on GitHub again (the extension's command). */
export const REFRESH_CHANGE_STATUS_COMMAND = 'releaseRunbooks.refreshChangeStatus';

// Calendar sources -------------------------------------------------------------------------------
/** Read-only documents of the files read from other repositories (`sources:`): runbook-source://github.com/owner/name/blob/ref/path. */
export const SOURCE_SCHEME = 'runbook-source';
export const REFRESH_SOURCES_COMMAND = 'releaseRunbooks.refreshCalendarSources';

// Release day ------------------------------------------------------------------------------------
export const GO_NO_GO_COMMAND = 'releaseRunbooks.goNoGoReview';
export const START_RELEASE_COMMAND = 'releaseRunbooks.startRelease';
export const ROLL_BACK_COMMAND = 'releaseRunbooks.rollBack';
export const RECORD_VERIFICATION_COMMAND = 'releaseRunbooks.recordVerification';
export const FINISH_RELEASE_COMMAND = 'releaseRunbooks.finishRelease';

/** Context-menu commands of a step (or rollback step) in the tracking view. */
export const START_STEP_COMMAND = 'releaseRunbooks.release.startStep';
export const STEP_DONE_COMMAND = 'releaseRunbooks.release.markStepDone';
export const STEP_FAILED_COMMAND = 'releaseRunbooks.release.markStepFailed';
export const SKIP_STEP_COMMAND = 'releaseRunbooks.release.skipStep';
export const REFRESH_TRACKING_COMMAND = 'releaseRunbooks.release.refresh';

// Announcements and release notes -----------------------------------------------------------------
export const SEND_ANNOUNCEMENT_COMMAND = 'releaseRunbooks.sendAnnouncement';
export const SET_ANNOUNCEMENT_SECRET_COMMAND = 'releaseRunbooks.setAnnouncementSecret';
export const OPEN_RELEASE_NOTES_COMMAND = 'releaseRunbooks.openReleaseNotes';
export const SEND_STATUS_REPORT_COMMAND = 'releaseRunbooks.sendStatusReport';
/** `ask` (default), `send` or `off`: announcements when a release starts, is decided, finishes or is rolled back. */
export const ANNOUNCE_ON_RELEASE_DAY_SETTING = `${SETTINGS_SECTION}.announce.onReleaseDay`;

export const TRACKING_VIEW_ID = 'releaseRunbooks.releaseTracking';
export const GO_NO_GO_VIEW_TYPE = 'releaseRunbooks.goNoGoReview';

/** The runbook shown in the tracking view, kept across restarts (workspace state, not a setting). */
export const TRACKED_RUNBOOK_KEY = 'releaseRunbooks.release.trackedRunbook';
/** The handle the user gave when asked, kept so that they are asked once. */
export const ASKED_HANDLE_KEY = 'releaseRunbooks.release.askedHandle';

// Metrics ----------------------------------------------------------------------------------------
export const SHOW_METRICS_COMMAND = 'releaseRunbooks.showReleaseMetrics';
export const STATUS_REPORT_COMMAND = 'releaseRunbooks.weeklyStatusReport';
export const START_RETROSPECTIVE_COMMAND = 'releaseRunbooks.startRetrospective';
export const METRICS_PANEL_TYPE = 'releaseRunbooks.metricsPanel';
