import { HandlerBus, type HandlerBusOptions } from './handler-bus.js';
import type { MessageMap } from './message-map.js';

/** Dispatches queries (messages that only read) to their one handler. */
export class QueryBus<Map extends MessageMap<Map> = MessageMap> extends HandlerBus<Map> {
  constructor(options: HandlerBusOptions = {}) {
    super('query', options);
  }
}
