import type { ContainerStats } from '../../shared/contract/stats';
import { bytesSize, humanSizeWithPrecision, percent } from '../../shared/docker-units';
import { SlipwayError } from '../../shared/errors';

/** One container as `docker stats --format '{{json .}}'` writes it: the same fields, the same text. */
export interface DockerStatsRow {
  BlockIO: string;
  CPUPerc: string;
  Container: string;
  ID: string;
  MemPerc: string;
  MemUsage: string;
  Name: string;
  NetIO: string;
  PIDs: string;
}

/** The docker CLI's fields of one container (its ID cut to 12 characters, as without --no-trunc). */
export function dockerStatsRow(c: ContainerStats): DockerStatsRow {
  const id = c.id.slice(0, 12);
  return {
    BlockIO: `${humanSizeWithPrecision(c.blockRead, 3)} / ${humanSizeWithPrecision(c.blockWrite, 3)}`,
    CPUPerc: percent(c.cpuPercent),
    Container: id,
    ID: id,
    MemPerc: percent(c.memoryPercent),
    MemUsage: `${bytesSize(c.memoryUsage)} / ${bytesSize(c.memoryLimit)}`,
    Name: c.name,
    NetIO: `${humanSizeWithPrecision(c.netRx, 3)} / ${humanSizeWithPrecision(c.netTx, 3)}`,
    PIDs: String(c.pids),
  };
}

const HEADERS: Record<keyof DockerStatsRow, string> = {
  BlockIO: 'BLOCK I/O',
  CPUPerc: 'CPU %',
  Container: 'CONTAINER',
  ID: 'CONTAINER ID',
  MemPerc: 'MEM %',
  MemUsage: 'MEM USAGE / LIMIT',
  Name: 'NAME',
  NetIO: 'NET I/O',
  PIDs: 'PIDS',
};

/** `docker stats`' default table. */
const DEFAULT_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}';

function isField(name: string): name is keyof DockerStatsRow {
  return Object.prototype.hasOwnProperty.call(HEADERS, name);
}

const PLACEHOLDER = /\{\{\s*(?:json\s+\.|\.(\w+))\s*\}\}/g;

/**
 * The lines of `--format`: `table` (the default), `json` (one `{{json .}}` per container), or a
 * template of `{{.Field}}` and `{{json .}}` — a leading `table ` adds the header line and pads
 * the tab-separated columns as docker's tabwriter does (three spaces).
 */
export function statsLines(rows: readonly DockerStatsRow[], format = 'table'): string[] {
  const template = format === 'table' ? DEFAULT_TABLE : format === 'json' ? '{{json .}}' : format.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
  for (const match of template.matchAll(PLACEHOLDER)) {
    const field = match[1];
    if (field !== undefined && !isField(field)) throw new SlipwayError('usage', `stats: --format names an unknown field "${field}"`, `Use ${Object.keys(HEADERS).map((f) => `{{.${f}}}`).join(', ')} or {{json .}}, or --format table|json.`);
  }
  const table = template.startsWith('table ');
  const body = table ? template.slice('table '.length) : template;
  const render = (row: DockerStatsRow | undefined) => body.replace(PLACEHOLDER, (_all, field: string | undefined) => (field === undefined ? JSON.stringify(row ?? {}) : field && isField(field) ? (row ? row[field] : HEADERS[field]) : ''));
  const lines = [...(table ? [render(undefined)] : []), ...rows.map((row) => render(row))];
  return table ? tabwriter(lines) : lines;
}

/**
 * Tab-separated cells aligned as docker's tabwriter (min width 10, padding 3) aligns them:
 * each column as wide as its widest cell plus three, at least ten; the last cell as it is.
 */
function tabwriter(lines: readonly string[]): string[] {
  const cells = lines.map((line) => line.split('\t'));
  const widths: number[] = [];
  for (const row of cells) for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 10, cell.length + 3);
  return cells.map((row) => row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i] ?? 10) : cell)).join(''));
}
