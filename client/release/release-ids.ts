// Command, view and setting ids of the release-day features; package.json declares the same.
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

export const TRACKING_VIEW_ID = 'releaseRunbooks.releaseTracking';
export const GO_NO_GO_VIEW_TYPE = 'releaseRunbooks.goNoGoReview';

export const USER_HANDLE_SETTING = 'releaseRunbooks.user.handle';
/** The runbook shown in the tracking view, kept across restarts. */
export const TRACKED_RUNBOOK_KEY = 'releaseRunbooks.release.trackedRunbook';
/** The handle the user gave when asked, kept so that they are asked once. */
export const ASKED_HANDLE_KEY = 'releaseRunbooks.release.askedHandle';
