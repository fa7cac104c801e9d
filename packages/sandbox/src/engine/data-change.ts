import type { PersonData } from '../persons/resource.ts';
import type { DataChange } from './plan.ts';

/**
 * CHANGEALL: every identity field gets a new value, with the accented and non-Latin-1 letters
 * IDnow supports (all valid under the domain's name rules). Each field has two candidates so
 * the new value always differs from the old one.
 */
const CHANGE_ALL_VALUES = {
  first_name: ['Åsa-Lærke Zoë', 'Jérôme Ñandú'],
  last_name: ['Øster-Müller Ğüçlü', 'Çelik-Łukasiewicz'],
  birth_name: ['Schrödinger', 'Đorđević'],
  birth_city: ['Göteborg', 'Łódź'],
  birth_date: ['1987-03-14', '1979-11-02'],
  nationality: ['AT', 'CH'],
  line_1: ['Schönhauser Allee', 'Kurfürstendamm'],
  line_2: ['12a', '7b'],
  postal_code: ['10119', '10719'],
  city: ['Berlin-Köpenick', 'Düsseldorf'],
} as const;

function other(candidates: readonly [string, string], current: string | null): string {
  return candidates[0] === current ? candidates[1] : candidates[0];
}

const MINOR_BIRTH_CITIES = ['Berlin', 'Hamburg', 'München', 'Köln', 'Frankfurt am Main', 'Leipzig'] as const;

/** The person data after an IDnow agent's changes. Country of residence stays (branch residency). */
export function changedPersonData(current: PersonData, change: DataChange, pick: number): PersonData {
  if (change === 'minor') {
    const candidates = MINOR_BIRTH_CITIES.filter((city) => city !== current.birth_city);
    return { ...current, birth_city: candidates[pick % candidates.length] ?? 'Berlin' };
  }
  return {
    ...current,
    first_name: other(CHANGE_ALL_VALUES.first_name, current.first_name),
    last_name: other(CHANGE_ALL_VALUES.last_name, current.last_name),
    birth_name: other(CHANGE_ALL_VALUES.birth_name, current.birth_name),
    birth_city: other(CHANGE_ALL_VALUES.birth_city, current.birth_city),
    birth_date: other(CHANGE_ALL_VALUES.birth_date, current.birth_date),
    nationality: other(CHANGE_ALL_VALUES.nationality, current.nationality) as PersonData['nationality'],
    address: {
      ...current.address,
      line_1: other(CHANGE_ALL_VALUES.line_1, current.address.line_1),
      line_2: other(CHANGE_ALL_VALUES.line_2, current.address.line_2),
      postal_code: other(CHANGE_ALL_VALUES.postal_code, current.address.postal_code),
      city: other(CHANGE_ALL_VALUES.city, current.address.city),
    },
  };
}
