import type { components } from './api-schema';

/** Names for the API's schemas, taken from the generated document types. */
type Schemas = components['schemas'];
export type Machine = Schemas['Machine'];
export type MachineRequest = Schemas['Request'];
export type RequestView = Schemas['RequestView'];
export type RequestAttempt = Schemas['Request']['attempts'][number];
export type CatalogPlan = Schemas['CatalogPlan'];
export type CatalogImage = Schemas['CatalogImage'];
export type CatalogApp = Schemas['CatalogApp'];
export type CatalogRegion = Schemas['CatalogRegion'];
export type ProviderSummary = Schemas['ProviderSummary'];
export type ProviderHealth = Schemas['ProviderHealth'];
export type Template = Schemas['Template'];
/** A template to create: the fields with defaults may be left out. */
export type NewTemplate = Partial<Template> & Pick<Template, 'templateId' | 'maxNumber' | 'attributes'>;
/** A machine request as POST /requests takes it: a stored `templateId` or a new `template`. */
export type NewMachineRequest = Schemas['CreateRequestInput'];
export type Session = Schemas['Session'];
export type CostSummary = Schemas['CostSummary'];
export type AuditEvent = Schemas['AuditEvent'];
export type MachineState = Machine['state'];
export type RequestStatus = MachineRequest['status'];
export type ProviderActivity = Schemas['ProviderActivity'];
export type ActivityHour = ProviderActivity['buckets'][number];
