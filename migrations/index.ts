import type { MigrationInterface } from 'typeorm';
import { CreateSearchFunctions1763900000000 } from './1763900000000-CreateSearchFunctions';
import { CreatePortfolioAndAccounts1795448252591 } from './1795448252591-CreatePortfolioAndAccounts';
import { AddExchangeRates1795448768588 } from './1795448768588-AddExchangeRates';
import { AddFundingConversions1795451815741 } from './1795451815741-AddFundingConversions';
import { AddProgressAndBoard1795452839235 } from './1795452839235-AddProgressAndBoard';
import { AddShareLinks1795454399431 } from './1795454399431-AddShareLinks';
import { AddNotificationsAndDigest1795457525195 } from './1795457525195-AddNotificationsAndDigest';
import { AddEvidenceFiles1795457542543 } from './1795457542543-AddEvidenceFiles';
import { AddFundingYearStatistics1795457568019 } from './1795457568019-AddFundingYearStatistics';
import { AddFundingTotals1796460879384 } from './1796460879384-AddFundingTotals';
import { FundingYearKeyStatistics1796462200000 } from './1796462200000-FundingYearKeyStatistics';
import { AddFundingYearTotals1796470000000 } from './1796470000000-AddFundingYearTotals';
import { KeepIatiMoneyAndProvenance1796500000001 } from './1796500000001-KeepIatiMoneyAndProvenance';
import { AddDataVersion1796900000001 } from './1796900000001-AddDataVersion';
import { KeepIatiDocumentsAndDescriptions1797000000001 } from './1797000000001-KeepIatiDocumentsAndDescriptions';
import { KeepDataVersionPerTable1797300000001 } from './1797300000001-KeepDataVersionPerTable';
import { AddMeetingMilestoneType1796800000001 } from './1796800000001-AddMeetingMilestoneType';
import { KeepIatiElementsAndReportingRole1796500000002 } from './1796500000002-KeepIatiElementsAndReportingRole';
import { AddMustChangePassword1796600000001 } from './1796600000001-AddMustChangePassword';
import { AddThemesAndEvidenceDate1797200000001 } from './1797200000001-AddThemesAndEvidenceDate';
import { AddFundingTagTotals1797320000001 } from './1797320000001-AddFundingTagTotals';
import { IndexActionsListOrder1797450000001 } from './1797450000001-IndexActionsListOrder';
import { CountActionTouchesApart1797450000002 } from './1797450000002-CountActionTouchesApart';
import { KeepInsertionOrder1797500000001 } from './1797500000001-KeepInsertionOrder';
import { IndexOpenMilestones1797600000001 } from './1797600000001-IndexOpenMilestones';
// imports:end

/** Every migration, in order. `npm run db:migration:generate -- <Name>` appends here. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  CreateSearchFunctions1763900000000,
  CreatePortfolioAndAccounts1795448252591,
  AddExchangeRates1795448768588,
  AddFundingConversions1795451815741,
  AddProgressAndBoard1795452839235,
  AddShareLinks1795454399431,
  AddNotificationsAndDigest1795457525195,
  AddEvidenceFiles1795457542543,
  AddFundingYearStatistics1795457568019,
  AddFundingTotals1796460879384,
  FundingYearKeyStatistics1796462200000,
  AddFundingYearTotals1796470000000,
  KeepIatiMoneyAndProvenance1796500000001,
  KeepIatiElementsAndReportingRole1796500000002,
  AddMustChangePassword1796600000001,
  AddMeetingMilestoneType1796800000001,
  AddDataVersion1796900000001,
  KeepIatiDocumentsAndDescriptions1797000000001,
  AddThemesAndEvidenceDate1797200000001,
  KeepDataVersionPerTable1797300000001,
  AddFundingTagTotals1797320000001,
  IndexActionsListOrder1797450000001,
  CountActionTouchesApart1797450000002,
  KeepInsertionOrder1797500000001,
  IndexOpenMilestones1797600000001,
  // list:end
];

/** The tables whose changes move the data version (the API keys its cached answers on them). */
export { WATCHED_TABLES } from './1796900000001-AddDataVersion';
export { ACTIONS_TOUCHED, TOUCH_SETTING } from './1797450000002-CountActionTouchesApart';
