import type { InventoryService } from '../../../../shared/inventory-contract';

/** The catalog entry an incident's service refers to, by id or by name (case and spaces ignored). */
export function matchService(services: readonly InventoryService[], ref: string): InventoryService | null {
  const key = ref.trim().toLowerCase();
  return services.find((s) => s.id.toLowerCase() === key || s.name.trim().toLowerCase() === key) ?? null;
}
