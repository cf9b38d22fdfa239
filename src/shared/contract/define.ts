// The shape every part of the contract shares (VS Code's pattern: one interface per feature,
// events named onDid..., one channel table per feature). api.ts composes them into OpsApi and
// derives the wire tables; hosts and clients never list methods by hand. (Named "...Api", not
// "...Service", because a service in OpsDeck is an entry of the service catalog.)

export type Unsubscribe = () => void;

/**
 * read: answers without changing anything the engine keeps or does (a wall's viewer may call it).
 * write: changes state, reaches out to hosts, or reads local files (operators only).
 */
export type MethodAccess = 'read' | 'write';

export interface MethodSpec {
  /** The wire channel, the same over Electron IPC and the WebSocket. */
  readonly channel: string;
  readonly access: MethodAccess;
  /** The method takes no argument: a host may answer it without loading any schema. */
  readonly noArgument?: true;
}

type AnyFn = (...args: never[]) => unknown;
export type EventKeys<S> = { [K in keyof S]: K extends `onDid${string}` ? K : never }[keyof S];
export type MethodKeys<S> = Exclude<{ [K in keyof S]: S[K] extends AnyFn ? K : never }[keyof S], EventKeys<S>>;

/**
 * Exhaustive over the service's methods, and `noArgument` exactly where the method takes none:
 * a method added to the interface without its line here, or with the wrong flag, does not compile.
 */
export type MethodTable<S> = {
  readonly [K in MethodKeys<S>]: S[K] extends AnyFn
    ? Parameters<S[K]> extends []
      ? MethodSpec & { readonly noArgument: true }
      : MethodSpec & { readonly noArgument?: never }
    : never;
};

/** Event name -> wire channel, exhaustive over the service's events. */
export type EventTable<S> = { readonly [K in EventKeys<S>]: string };

export interface ServiceDescriptor<S> {
  readonly name: string;
  readonly methods: MethodTable<S>;
  readonly events: EventTable<S>;
}

/** Declares a service; the type parameter ties both tables to its interface. */
export function defineService<S>(name: string, methods: MethodTable<S>, events: EventTable<S>): ServiceDescriptor<S> {
  return { name, methods, events };
}
