// Every rule, in code order. One rule, one file.
import type { Rule } from './rule';
import { yamlSyntax } from './rb001-yaml-syntax';
import { unknownKey } from './rb002-unknown-key';
import { requiredField } from './rb003-required-field';
import { wrongValue } from './rb004-wrong-value';
import { duplicateId } from './rb005-duplicate-id';
import { unknownReference } from './rb006-unknown-reference';
import { windowOrder } from './rb007-window-order';
import { timeoutsExceedWindow } from './rb008-timeouts-exceed-window';
import { freezeOverlap } from './rb009-freeze-overlap';
import { stepWithoutRollback } from './rb010-step-without-rollback';
import { missingRollbackPlan } from './rb011-missing-rollback-plan';
import { dependencyOrder } from './rb012-dependency-order';
import { dependencyCycle } from './rb013-dependency-cycle';
import { serviceOverlap } from './rb014-service-overlap';
import { emergencyWithoutJustification } from './rb015-emergency-without-justification';
import { missingVerification } from './rb016-missing-verification';
import { missingOwner } from './rb017-missing-owner';
import { unknownEnvironment } from './rb018-unknown-environment';
import { outsideMaintenance } from './rb019-outside-maintenance';
import { unusedRollbackStep } from './rb020-unused-rollback-step';
import { calendarDuplicate } from './rb031-calendar-duplicate';
import { recurrenceNeverOccurs } from './rb032-recurrence-never-occurs';
import { recurrenceTooLarge } from './rb033-recurrence-too-large';
import { fileTooLarge } from './rb034-file-too-large';
import { environmentBooked } from './rb038-environment-booked';
import { bookingUnknownEnvironment } from './rb039-booking-unknown-environment';
import { maintenanceAffectsService } from './rb040-maintenance-affects-service';
import { accessEnded } from './rb041-access-ended';
import { requestUnknownEnvironment } from './rb042-request-unknown-environment';
import { approvalBoardProblem } from './rb043-approval-board';

export const ALL_RULES: readonly Rule[] = [
  yamlSyntax,
  unknownKey,
  requiredField,
  wrongValue,
  duplicateId,
  unknownReference,
  windowOrder,
  timeoutsExceedWindow,
  freezeOverlap,
  stepWithoutRollback,
  missingRollbackPlan,
  dependencyOrder,
  dependencyCycle,
  serviceOverlap,
  emergencyWithoutJustification,
  missingVerification,
  missingOwner,
  unknownEnvironment,
  outsideMaintenance,
  unusedRollbackStep,
  calendarDuplicate,
  recurrenceNeverOccurs,
  recurrenceTooLarge,
  fileTooLarge,
  environmentBooked,
  bookingUnknownEnvironment,
  maintenanceAffectsService,
  accessEnded,
  requestUnknownEnvironment,
  approvalBoardProblem,
];

export type { Rule } from './rule';
