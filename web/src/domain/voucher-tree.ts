/** The fields of a voucher the lineage drawing needs. */
export interface TreeVoucher {
  id: string;
  parentId: string | null;
  amount: string;
  status: string;
  tier: number;
  holder: { name: string };
}

export interface VoucherTreeNode<V extends TreeVoucher = TreeVoucher> {
  voucher: V;
  children: VoucherTreeNode<V>[];
}

/**
 * The split tree from the pieces you may see. A piece whose parent you may not see hangs at the top,
 * so nothing visible is lost; siblings keep a stable order (tier, then id).
 */
export function buildVoucherTree<V extends TreeVoucher>(vouchers: readonly V[]): VoucherTreeNode<V>[] {
  const nodes = new Map<string, VoucherTreeNode<V>>();
  for (const voucher of vouchers) nodes.set(voucher.id, { voucher, children: [] });
  const roots: VoucherTreeNode<V>[] = [];
  for (const node of nodes.values()) {
    const parent = node.voucher.parentId === null ? undefined : nodes.get(node.voucher.parentId);
    (parent ? parent.children : roots).push(node);
  }
  const order = (a: VoucherTreeNode<V>, b: VoucherTreeNode<V>): number =>
    a.voucher.tier - b.voucher.tier || a.voucher.id.localeCompare(b.voucher.id);
  const sortDeep = (list: VoucherTreeNode<V>[]): VoucherTreeNode<V>[] => {
    list.sort(order);
    for (const node of list) sortDeep(node.children);
    return list;
  };
  return sortDeep(roots);
}

/** Ids from the top of the tree down to `id` (the lineage), or [] when it is not in the tree. */
export function lineageOf<V extends TreeVoucher>(tree: readonly VoucherTreeNode<V>[], id: string): string[] {
  for (const node of tree) {
    if (node.voucher.id === id) return [id];
    const below = lineageOf(node.children, id);
    if (below.length > 0) return [node.voucher.id, ...below];
  }
  return [];
}
