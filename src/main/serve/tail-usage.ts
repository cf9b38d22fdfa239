// The `opsdeck tail` lines of the CLI's help (kept apart so `serve` starts without the SSH code).
export const TAIL_USAGE = `  opsdeck tail ssh://[user@]host[:port] FILE [--lines N] [--follow] [--json] [--identity FILE] [--accept-new] [--timeout SECONDS]
  opsdeck tail ssh://[user@]host[:port] --unit UNIT [--priority PRIO] [the same flags]
      The last lines of a log file (or a systemd unit's journal) on a Linux host, over one SSH
      login with the same host-key and login rules as probe. --follow keeps following, across
      rotations, until Ctrl+C; --json prints one JSON event per line with its level.`;
