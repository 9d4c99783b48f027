import {
  FUNDING_TYPE_LABELS,
  INSTITUTE_ROLE_LABELS,
  INSTRUMENT_TYPE_LABELS,
  KIND_LABELS,
  labelOf,
  MILESTONE_STATUS_LABELS,
  MILESTONE_TYPE_LABELS,
  MODALITY_LABELS,
  PARTICIPATION_ROLE_LABELS,
  SCHEME_LABELS,
} from '../../../core/i18n/labels';

/** The coded values an action page shows, as labels in the page's language ('—' when empty). */
export const ACTION_LABELS = {
  kind: (v: string | null) => labelOf(KIND_LABELS, v),
  instituteRole: (v: string | null) => labelOf(INSTITUTE_ROLE_LABELS, v),
  modality: (v: string | null) => labelOf(MODALITY_LABELS, v),
  scheme: (v: string | null) => labelOf(SCHEME_LABELS, v),
  participation: (v: string | null) => labelOf(PARTICIPATION_ROLE_LABELS, v),
  instrument: (v: string | null) => labelOf(INSTRUMENT_TYPE_LABELS, v),
  funding: (v: string | null) => labelOf(FUNDING_TYPE_LABELS, v),
  milestoneType: (v: string | null) => labelOf(MILESTONE_TYPE_LABELS, v),
  milestoneStatus: (v: string | null) => labelOf(MILESTONE_STATUS_LABELS, v),
};
