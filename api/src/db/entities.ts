import { Action } from '../actions/action.entity';
import {
  DocumentLink,
  Funding,
  Indicator,
  LegalInstrument,
  Milestone,
  Participation,
  Result,
} from '../actions/parts.entities';
import { AuditEntry } from '../audit/audit-entry.entity';
import { RateLimit } from '../auth/rate-limit.entity';
import { Session } from '../auth/session.entity';
import { Organisation } from '../organisations/organisation.entity';
import { ExchangeRate } from '../exchange-rates/exchange-rate.entity';
import { AppSetting } from '../settings/app-setting.entity';
import { User } from '../users/user.entity';
import { ActionStage } from '../progress/action-stage.entity';
import {
  BoardAgendaItem,
  BoardAgreement,
  BoardAgreementNote,
  BoardSession,
} from '../board/board.entities';

import { ShareLink } from '../share-links/share-link.entity';
import {
  DigestDelivery,
  DigestRun,
  NotificationState,
} from '../notifications/notification.entities';
import { EvidenceContent, EvidenceFile } from '../evidence/evidence.entities';
import { Theme } from '../themes/theme.entity';

/** Every TypeORM entity, listed explicitly (the API is bundled into one file). */
export const ENTITIES = [
  AppSetting,
  Organisation,
  User,
  Session,
  RateLimit,
  AuditEntry,
  Action,
  Participation,
  LegalInstrument,
  Funding,
  Milestone,
  Result,
  Indicator,
  DocumentLink,
  ExchangeRate,
  ShareLink,
  ActionStage,
  BoardSession,
  BoardAgendaItem,
  BoardAgreement,
  BoardAgreementNote,
  NotificationState,
  DigestRun,
  DigestDelivery,
  EvidenceFile,
  EvidenceContent,
  Theme,
];
