import { flattenTree, type ChannelConfig, type ConfigElement, type ConfigUpdate } from './config-tree.ts';

/** One element a config update writes at a new version, and whether the channel holds it yet. */
export interface DeltaElement {
  key: string;
  element: ConfigElement;
  /** The element as the channel holds it now; undefined for an element the update adds. */
  existing: ConfigElement | undefined;
}

/**
 * The elements an update changes, as the orderer computes them: those of its write set whose version
 * differs from its read set's (Fabric's delta set), each with its current form in `config`.
 */
export function deltaElements(config: ChannelConfig, update: ConfigUpdate): DeltaElement[] {
  const read = flattenTree(update.read_set);
  const current = flattenTree(config.channel_group);
  return [...flattenTree(update.write_set)]
    .filter(([key, element]) => read.get(key)?.version !== element.version)
    .map(([key, element]) => ({ key, element, existing: current.get(key) }));
}

/**
 * What an update changes, for people: `[Value] /Channel/Orderer/BatchTimeout`, and a new group once
 * (not each value and policy inside it), marked "(new)". A group whose members change is listed too.
 */
export function describeDelta(config: ChannelConfig, update: ConfigUpdate): string[] {
  const delta = deltaElements(config, update);
  const added = delta.filter((item) => !item.existing && item.element.kind === 'Group');
  const insideAdded = (item: DeltaElement): boolean =>
    added.some(
      (group) =>
        group !== item &&
        group.element.groupPath.every((name, index) => item.element.groupPath[index] === name),
    );
  return delta
    .filter((item) => !insideAdded(item))
    .map((item) => `${item.key}${item.existing ? '' : ' (new)'}`);
}

/**
 * Why the orderer would refuse the update as the channel stands now, as Fabric's validator checks:
 * an element it read at another version than the channel holds (or gone), or one it writes at a
 * version that is not the next (a newer config changed it since the proposal was made).
 */
export function staleElements(config: ChannelConfig, update: ConfigUpdate): string[] {
  const current = flattenTree(config.channel_group);
  const read = [...flattenTree(update.read_set)].flatMap(([key, element]) => {
    const now = current.get(key);
    if (!now) return [`${key} is gone`];
    return now.version === element.version
      ? []
      : [`${key} is at version ${now.version}, the update read version ${element.version}`];
  });
  const written = deltaElements(config, update).flatMap(({ key, element, existing }) => {
    const next = existing ? String(Number(existing.version) + 1) : '0';
    return element.version === next
      ? []
      : [
          `${key} is at version ${existing?.version ?? '(none)'}, the update writes version ${element.version}`,
        ];
  });
  return [...read, ...written];
}
