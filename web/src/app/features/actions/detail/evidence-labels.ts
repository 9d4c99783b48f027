/** «Adjuntar evidencia a …»: the accessible name of a part's attach button. */
export function attachLabel(owner: string): string {
  return $localize`:@@evidence.attachNamed:Adjuntar evidencia a ${owner}:owner:`;
}

/** «Evidencias de …»: the accessible name of a part's evidence list. */
export function evidenceLabel(owner: string): string {
  return $localize`:@@evidence.regionNamed:Evidencias de ${owner}:owner:`;
}
