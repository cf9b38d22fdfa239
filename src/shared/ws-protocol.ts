// Frames of the WebSocket bridge (browser <-> `opsdeck serve`), JSON text frames.
// Requests carry an id; results echo it; events carry their channel. Path: /api.
import type { RpcResult } from './api';

export const WS_PATH = '/api';

export interface WsRequest {
  id: number;
  channel: string;
  arg?: unknown;
}

export type WsServerFrame = { kind: 'result'; id: number; result: RpcResult } | { kind: 'event'; channel: string; payload: unknown };
