/** Adds `value` to the list kept under `key`, starting the list when it is the first. */
export function addToList<K, T>(map: Map<K, T[]>, key: K, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
