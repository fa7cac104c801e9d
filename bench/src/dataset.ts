import type pg from 'pg';

/**
 * Bulk-loads synthetic persons (with three identifications each, in a realistic status mix) in
 * SQL, far faster than going through the sandbox: benchmarks need the volume, not the story.
 * Rows are appended up to `persons`, so a dataset can be grown and reused between runs.
 */
export async function ensureSyntheticDataset(
  pool: pg.Pool,
  persons: number,
  onProgress: (done: number, total: number) => void,
): Promise<{ persons: number; identifications: number }> {
  const existing = await pool.query<{ n: number }>('select count(*)::int as n from persons');
  const start = existing.rows[0]?.n ?? 0;
  const batch = 50_000;
  for (let from = start; from < persons; from += batch) {
    const to = Math.min(persons, from + batch);
    await pool.query(
      `insert into persons (id, first_name, last_name, email, mobile_number, birth_date, nationality,
         address_country, search_name, mobile_digits, email_normalized, first_seen_at, last_synced_at, solaris_created_at)
       select lpad(to_hex(g), 32, '0') || 'cper',
              (array['Jürgen','Anna','Łukasz','Zoë','Mehmet','Sophie','Jean-Luc','Marie'])[1 + g % 8],
              (array['Müller','Schmidt','Schäfer','O''Brien','Kowalski','Nguyen','Weiß','Yılmaz'])[1 + (g / 8) % 8] || ' ' || g,
              'person' || g || '@example.com',
              '+49151' || lpad(g::text, 8, '0'),
              date '1950-01-01' + (g % 20000),
              'DE', 'DE',
              lower((array['jurgen','anna','lukasz','zo','mehmet','sophie','jean luc','marie'])[1 + g % 8] || ' ' ||
                    (array['muller','schmidt','schafer','obrien','kowalski','nguyen','weiss','yilmaz'])[1 + (g / 8) % 8] || ' ' || g),
              '49151' || lpad(g::text, 8, '0'),
              'person' || g || '@example.com',
              now() - ((g % 90) || ' days')::interval, now(), now() - ((g % 90) || ' days')::interval
       from generate_series($1::int, $2::int - 1) as g`,
      [from, to],
    );
    await pool.query(
      `insert into identifications (id, person_id, method, status, language, created_at, first_seen_at, last_synced_at)
       select lpad(to_hex(g), 30, '0') || lpad(k::text, 2, '0') || 'cidt',
              lpad(to_hex(g), 32, '0') || 'cper',
              'idnow',
              (array['successful','successful','successful','successful','aborted','pending','failed','pending_successful','canceled','expired'])[1 + (g * 3 + k) % 10]::identification_status,
              case when g % 5 = 0 then 'EN' else 'DE' end,
              now() - ((g % 90) || ' days')::interval + (k || ' hours')::interval, now(), now()
       from generate_series($1::int, $2::int - 1) as g, generate_series(1, 3) as k`,
      [from, to],
    );
    onProgress(to, persons);
  }
  const counts = await pool.query<{ persons: number; identifications: number }>(
    'select (select count(*)::int from persons) as persons, (select count(*)::int from identifications) as identifications',
  );
  return counts.rows[0] ?? { persons: 0, identifications: 0 };
}
