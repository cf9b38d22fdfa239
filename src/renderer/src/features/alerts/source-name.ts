// How a data source is named on an alert: its product's name, and the person's label for it.
const BRANDS: Record<string, string> = { zabbix: 'Zabbix', prometheus: 'Prometheus' };

/** Product names stay as they are in both languages. */
export function sourceBrand(kind: string): string {
  return BRANDS[kind] ?? kind;
}

/** "본사 Zabbix" names its product already; "본사 모니터링" gets it in brackets, so it is said once. */
export function sourceName(brand: string, label: string): string {
  return label.toLowerCase().includes(brand.toLowerCase()) ? label : `${label} (${brand})`;
}
