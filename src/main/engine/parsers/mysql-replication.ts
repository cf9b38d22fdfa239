// PURE: replica-side replication rows of MySQL 8 / MariaDB 10.6+ -> channels, the summary the
// tile shows and the replicas table. One row per channel of SHOW ALL SLAVES STATUS (MariaDB),
// SHOW REPLICA STATUS (MySQL 8.0.22+) or SHOW SLAVE STATUS (older MySQL); either naming is read.
import type { CheckNote, DataTable } from '../../../shared/model';
import { num, text, redactMyQuery } from './mysql-stats';

export type MyReplicationRow = Record<string, unknown>;

export interface MyChannel {
  /** The channel's name, or its source's address for the unnamed default channel. */
  name: string;
  source: string | null;
  /** 'Yes', 'No' or 'Connecting'. */
  ioRunning: string | null;
  sqlRunning: string | null;
  /** Seconds_Behind_Master / _Source: null whenever the server does not know (SQL thread stopped). */
  secondsBehind: number | null;
  /** Bytes received from the source and not yet applied; null when they are in different binlog files. */
  backlogBytes: number | null;
  sqlState: string | null;
  lastSqlErrno: number | null;
  lastSqlError: string | null;
  lastIoErrno: number | null;
  lastIoError: string | null;
}

/** The first of these columns the row has (MariaDB's name, then MySQL 8.0.22+'s, then older MySQL's). */
function pick(row: MyReplicationRow, ...names: string[]): unknown {
  for (const name of names) if (Object.hasOwn(row, name)) return row[name];
  return undefined;
}

export function readChannels(rows: readonly MyReplicationRow[]): MyChannel[] {
  return rows.map((r) => {
    const host = text(pick(r, 'Master_Host', 'Source_Host'));
    const port = num(pick(r, 'Master_Port', 'Source_Port'));
    const source = host ? (port !== null ? `${host}:${port}` : host) : null;
    const named = text(pick(r, 'Connection_name', 'Channel_Name', 'Channel_name')) ?? '';
    const readFile = text(pick(r, 'Master_Log_File', 'Source_Log_File'));
    const execFile = text(pick(r, 'Relay_Master_Log_File', 'Relay_Source_Log_File'));
    const readPos = num(pick(r, 'Read_Master_Log_Pos', 'Read_Source_Log_Pos'));
    const execPos = num(pick(r, 'Exec_Master_Log_Pos', 'Exec_Source_Log_Pos'));
    const sqlErrno = num(pick(r, 'Last_SQL_Errno'));
    const ioErrno = num(pick(r, 'Last_IO_Errno'));
    return {
      name: named !== '' ? named : (source ?? ''),
      source,
      ioRunning: text(pick(r, 'Slave_IO_Running', 'Replica_IO_Running')),
      sqlRunning: text(pick(r, 'Slave_SQL_Running', 'Replica_SQL_Running')),
      secondsBehind: num(pick(r, 'Seconds_Behind_Master', 'Seconds_Behind_Source')),
      backlogBytes: readFile !== null && readFile === execFile && readPos !== null && execPos !== null && readPos >= execPos ? readPos - execPos : null,
      sqlState: text(pick(r, 'Slave_SQL_Running_State', 'Replica_SQL_Running_State')) || null,
      lastSqlErrno: sqlErrno,
      lastSqlError: sqlErrno ? text(pick(r, 'Last_SQL_Error')) : null,
      lastIoErrno: ioErrno,
      lastIoError: ioErrno ? text(pick(r, 'Last_IO_Error')) : null,
    };
  });
}

export interface MyReplication {
  /** The worst channel's lag; null on a server with no channel and whenever a channel's lag is unknown. */
  lagSeconds: number | null;
  backlogBytes: number | null;
  /** Channels whose SQL thread does not apply changes (stopped, or stopped by an error); null without channels. */
  notApplying: number | null;
  /** Channels whose IO thread does not receive changes (stopped or still connecting); null without channels. */
  notReceiving: number | null;
  notes: CheckNote[];
}

export function replicationSummary(channels: readonly MyChannel[]): MyReplication {
  if (channels.length === 0) return { lagSeconds: null, backlogBytes: null, notApplying: null, notReceiving: null, notes: [] };
  let lag: number | null = 0;
  let backlog: number | null = null;
  const notes: CheckNote[] = [];
  for (const c of channels) {
    const applying = c.sqlRunning === 'Yes';
    // A stopped SQL thread has no lag, only a backlog that grows: never report it as 0.
    if (!applying || c.secondsBehind === null) lag = null;
    else if (lag !== null) lag = Math.max(lag, c.secondsBehind);
    if (c.backlogBytes !== null) backlog = Math.max(backlog ?? 0, c.backlogBytes);
    if (!applying) notes.push({ code: 'MY_REPLICATION_STOPPED', data: { channel: c.name, errno: c.lastSqlErrno || null } });
    if (c.ioRunning !== 'Yes') notes.push({ code: 'MY_REPLICATION_NOT_RECEIVING', data: { channel: c.name, state: c.ioRunning, errno: c.lastIoErrno || null } });
  }
  return {
    lagSeconds: lag,
    backlogBytes: backlog,
    notApplying: channels.filter((c) => c.sqlRunning !== 'Yes').length,
    notReceiving: channels.filter((c) => c.ioRunning !== 'Yes').length,
    notes,
  };
}

export function replicasTable(channels: readonly MyChannel[]): DataTable {
  return {
    rows: channels.map((c) => ({
      name: c.name,
      client: c.source,
      receiving: c.ioRunning === null ? null : c.ioRunning === 'Yes',
      applying: c.sqlRunning === null ? null : c.sqlRunning === 'Yes',
      // As the server says it: Yes, No or Connecting.
      receivingState: c.ioRunning,
      state: c.sqlState,
      lagSeconds: c.sqlRunning === 'Yes' ? c.secondsBehind : null,
      lagBytes: c.backlogBytes,
      error: redactMyQuery(c.lastSqlError ?? c.lastIoError),
    })),
  };
}
