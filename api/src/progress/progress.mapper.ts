import type { Milestone } from '../actions/parts.entities';
import type { ActionStage } from './action-stage.entity';
import type { ActionStageDto, MilestoneRecordDto } from './progress-response.dto';

/* Stored progress rows → the response DTOs (only the fields the DTO names ever leave the API). */

export function toActionStageDto(stage: ActionStage): ActionStageDto {
  return {
    id: stage.id,
    actionId: stage.actionId,
    stage: stage.stage,
    reachedOn: stage.reachedOn,
    evidenceUrl: stage.evidenceUrl,
    evidenceDate: stage.evidenceDate,
    notes: stage.notes,
    version: stage.version,
    createdAt: stage.createdAt,
    updatedAt: stage.updatedAt,
  };
}

export function toMilestoneRecordDto(milestone: Milestone): MilestoneRecordDto {
  return {
    id: milestone.id,
    actionId: milestone.actionId,
    type: milestone.type,
    title: milestone.title,
    plannedDate: milestone.plannedDate,
    actualDate: milestone.actualDate,
    datePrecision: milestone.datePrecision,
    notes: milestone.notes,
    version: milestone.version,
    createdAt: milestone.createdAt,
    updatedAt: milestone.updatedAt,
  };
}
