import { TemplateSchema, type Template, type TemplateInput, type TemplateRepository, type TemplateSearchCriteria } from '@ohf/domain-core';

/** Test and in-process adapter of TemplateRepository, kept in a Map (sorted by templateId). */
export class InMemoryTemplateRepository implements TemplateRepository {
  private readonly templates = new Map<string, Template>();

  constructor(initial: readonly TemplateInput[] = []) {
    for (const template of initial) {
      const parsed = TemplateSchema.parse(template);
      this.templates.set(parsed.templateId, parsed);
    }
  }

  async save(template: Template): Promise<void> {
    this.templates.set(template.templateId, TemplateSchema.parse(structuredClone(template)));
  }

  async findById(templateId: string): Promise<Template | undefined> {
    const found = this.templates.get(templateId);
    return found === undefined ? undefined : structuredClone(found);
  }

  async delete(templateId: string): Promise<boolean> {
    return this.templates.delete(templateId);
  }

  async findAll(): Promise<readonly Template[]> {
    return this.sorted([...this.templates.values()]);
  }

  async findByProviderApi(providerApi: string): Promise<readonly Template[]> {
    return this.sorted([...this.templates.values()].filter((template) => template.providerApi === providerApi));
  }

  async findActive(): Promise<readonly Template[]> {
    return this.sorted([...this.templates.values()].filter((template) => template.enabled));
  }

  async search(criteria: TemplateSearchCriteria): Promise<readonly Template[]> {
    const text = criteria.text?.toLowerCase();
    return this.sorted(
      [...this.templates.values()].filter(
        (template) =>
          (criteria.providerType === undefined || template.providerType === criteria.providerType) &&
          (criteria.providerName === undefined || template.providerName === criteria.providerName) &&
          (criteria.providerApi === undefined || template.providerApi === criteria.providerApi) &&
          (criteria.enabled === undefined || template.enabled === criteria.enabled) &&
          (text === undefined || template.templateId.toLowerCase().includes(text)),
      ),
    );
  }

  private sorted(templates: Template[]): Template[] {
    return templates
      .sort((left, right) => left.templateId.localeCompare(right.templateId))
      .map((template) => structuredClone(template));
  }
}
