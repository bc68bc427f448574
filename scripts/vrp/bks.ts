/** Best-known values from bks.csv: `distance_bks` for Solomon, `objective` for CVRPLIB. */
export interface Bks {
  objective: number;
  /** Vehicles of the best-known solution under the literature's (hierarchical) objective. */
  vehicles: number | undefined;
  distanceBks: number | undefined;
}

/** Splits one CSV line, honouring double quotes. */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.push(cur); cur = ''; }
    else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Reads bks.csv into a map keyed by upper-case instance name. */
export function parseBks(text: string): Map<string, Bks> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = splitCsv(lines[0]);
  const col = (name: string) => head.indexOf(name);
  const iName = col('instance');
  const iObj = col('objective');
  const iDist = col('distance_bks');
  const iVeh = col('vehicles');
  if (iName < 0 || iObj < 0) throw new Error('bks.csv: missing instance/objective columns');
  const map = new Map<string, Bks>();
  for (const line of lines.slice(1)) {
    const f = splitCsv(line);
    const d = iDist >= 0 && f[iDist] !== '' ? Number(f[iDist]) : undefined;
    const veh = iVeh >= 0 && f[iVeh] !== '' ? Number(f[iVeh]) : undefined;
    map.set(f[iName].toUpperCase(), { objective: Number(f[iObj]), vehicles: veh, distanceBks: d });
  }
  return map;
}
