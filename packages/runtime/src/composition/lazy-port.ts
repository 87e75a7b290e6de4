/**
 * A stand-in for an object whose methods are all async, which creates the real object on the
 * first call. The CLI builds the whole application for every command, but a command that only
 * reads template files must not pay for opening the database.
 */
export function lazyPort<Port extends object>(create: () => Promise<Port>): Port {
  let instance: Promise<Port> | undefined;
  const resolve = (): Promise<Port> => {
    instance ??= create().catch((error: unknown) => {
      instance = undefined;
      throw error;
    });
    return instance;
  };
  return new Proxy({} as Port, {
    get(_target, property) {
      // Not a thenable: awaiting the proxy itself must not call into the port.
      if (property === 'then') return undefined;
      return async (...parameters: unknown[]) => {
        const port = await resolve();
        const member = (port as Record<PropertyKey, unknown>)[property];
        if (typeof member !== 'function') {
          throw new TypeError(`${String(property)} is not an operation of this port`);
        }
        return (member as (...values: unknown[]) => unknown).apply(port, parameters);
      };
    },
  });
}
