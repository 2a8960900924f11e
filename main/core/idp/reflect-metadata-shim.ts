/**
 * @peculiar/x509 uses tsyringe, which refuses to load unless a Reflect metadata polyfill ("reflect-metadata") is
 * present, and none is a dependency of this project. tsyringe only needs getMetadata, getOwnMetadata and
 * defineMetadata, so this installs exactly those (WeakMap-backed, same semantics) when, and only when, they are
 * missing. A real polyfill loaded earlier is left untouched.
 */
type MetadataReflect = typeof Reflect & {
  getMetadata?: (key: unknown, target: object) => unknown;
  getOwnMetadata?: (key: unknown, target: object) => unknown;
  defineMetadata?: (key: unknown, value: unknown, target: object) => void;
};

export function ensureReflectMetadata(): void {
  const reflect = Reflect as MetadataReflect;
  if (typeof reflect.getMetadata === 'function') return;
  const store = new WeakMap<object, Map<unknown, unknown>>();
  const own = (key: unknown, target: object) => store.get(target)?.get(key);
  reflect.getOwnMetadata = own;
  reflect.defineMetadata = (key, value, target) => {
    let entries = store.get(target);
    if (!entries) store.set(target, (entries = new Map()));
    entries.set(key, value);
  };
  reflect.getMetadata = (key, target) => {
    for (let current: object | null = target; current; current = Object.getPrototypeOf(current) as object | null) {
      const entries = store.get(current);
      if (entries?.has(key)) return entries.get(key);
    }
    return undefined;
  };
}
