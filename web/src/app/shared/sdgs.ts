/** One of the 17 Sustainable Development Goals, with the UN's official tile colour. */
export interface Sdg {
  n: number;
  colour: string;
  name: string;
}

/** Official UN SDG colours and short names (UN Spanish / English wording). */
export const SDGS: readonly Sdg[] = [
  { n: 1, colour: '#E5243B', name: $localize`:@@sdg.1:Fin de la pobreza` },
  { n: 2, colour: '#DDA63A', name: $localize`:@@sdg.2:Hambre cero` },
  { n: 3, colour: '#4C9F38', name: $localize`:@@sdg.3:Salud y bienestar` },
  { n: 4, colour: '#C5192D', name: $localize`:@@sdg.4:Educación de calidad` },
  { n: 5, colour: '#FF3A21', name: $localize`:@@sdg.5:Igualdad de género` },
  { n: 6, colour: '#26BDE2', name: $localize`:@@sdg.6:Agua limpia y saneamiento` },
  { n: 7, colour: '#FCC30B', name: $localize`:@@sdg.7:Energía asequible y no contaminante` },
  {
    n: 8,
    colour: '#A21942',
    name: $localize`:@@sdg.8:Trabajo decente y crecimiento económico`,
  },
  {
    n: 9,
    colour: '#FD6925',
    name: $localize`:@@sdg.9:Industria, innovación e infraestructura`,
  },
  { n: 10, colour: '#DD1367', name: $localize`:@@sdg.10:Reducción de las desigualdades` },
  { n: 11, colour: '#FD9D24', name: $localize`:@@sdg.11:Ciudades y comunidades sostenibles` },
  { n: 12, colour: '#BF8B2E', name: $localize`:@@sdg.12:Producción y consumo responsables` },
  { n: 13, colour: '#3F7E44', name: $localize`:@@sdg.13:Acción por el clima` },
  { n: 14, colour: '#0A97D9', name: $localize`:@@sdg.14:Vida submarina` },
  { n: 15, colour: '#56C02B', name: $localize`:@@sdg.15:Vida de ecosistemas terrestres` },
  { n: 16, colour: '#00689D', name: $localize`:@@sdg.16:Paz, justicia e instituciones sólidas` },
  { n: 17, colour: '#19486A', name: $localize`:@@sdg.17:Alianzas para lograr los objetivos` },
];
