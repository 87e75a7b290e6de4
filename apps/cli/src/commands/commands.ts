import type { CommandDefinition } from '../cli/command-definition.js';
import { hostFactoryCommands } from './host-factory-commands.js';
import { machineCommands, providerCommands, requestCommands, templateCommands } from './noun-verb-commands.js';
import { catalogCommands } from './catalog-commands.js';
import { completionCommand } from './completion-command.js';
import { costsCommand } from './costs-command.js';
import { doctorCommand } from './doctor-command.js';
import { eventsListCommand } from './events-command.js';
import { helperCommands } from './helper-commands.js';
import { machineActionCommand } from './machine-action-command.js';
import { strategyCommands } from './strategy-commands.js';

/** Every `ohfp` command, in the order `--help` lists them. */
export const COMMANDS: readonly CommandDefinition[] = [
  ...hostFactoryCommands,
  ...strategyCommands,
  ...providerCommands,
  ...templateCommands,
  ...requestCommands,
  ...machineCommands,
  machineActionCommand,
  ...catalogCommands,
  costsCommand,
  eventsListCommand,
  doctorCommand,
  ...helperCommands,
  completionCommand(() => COMMANDS),
];
