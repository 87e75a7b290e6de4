import { HandlerBus, type HandlerBusOptions } from './handler-bus.js';
import type { MessageMap } from './message-map.js';

/** Dispatches commands (messages that change state) to their one handler. */
export class CommandBus<Map extends MessageMap<Map> = MessageMap> extends HandlerBus<Map> {
  constructor(options: HandlerBusOptions = {}) {
    super('command', options);
  }
}
